"""OpenAPI: conversations between phones and receivers, unread counts, voice clip media."""

from server.openapi.components import (
    json_body,
    json_response,
    page_of,
    ref,
    response_ref,
)

# The owner's user token or the receiver's own device token, both as Bearer.
USER_OR_DEVICE = [{"bearer": []}]

DEVICE_ID = {"name": "device_id", "in": "path", "required": True,
             "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}}

MESSAGE_ID = {"name": "message_id", "in": "path", "required": True,
              "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}}


def query_param(name):
    return {"name": name, "in": "query", "required": True, "schema": {"type": "string"}}


SCHEMAS = {
    "Message": {
        "type": "object",
        "required": ["id", "device_id", "from", "kind", "text", "duration", "audio_url", "seq",
                     "created_at"],
        "properties": {
            "id": {"type": "string"},
            "device_id": {"type": "string"},
            "from": {"enum": ["user", "device"]},
            "kind": {"enum": ["text", "voice"]},
            "text": {"type": ["string", "null"], "maxLength": 2000},
            "duration": {"type": ["number", "null"], "minimum": 0},
            "audio_url": {"type": ["string", "null"],
                          "description": "Signed link to the MP3 clip (voice only)"},
            "seq": {"type": "integer", "minimum": 1},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "ConversationSummary": {
        "type": "object",
        "required": ["device_id", "unread", "last_seq", "read_seq", "last_message_at"],
        "properties": {
            "device_id": {"type": "string"},
            "unread": {"type": "integer", "minimum": 0},
            "last_seq": {"type": "integer", "minimum": 0},
            "read_seq": {"type": "integer", "minimum": 0},
            "last_message_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "UnreadCounts": {
        "type": "object",
        "required": ["items", "unread_total"],
        "properties": {
            "items": {"type": "array", "items": {
                "type": "object",
                "required": ["device_id", "unread", "last_message_at"],
                "properties": {
                    "device_id": {"type": "string"},
                    "unread": {"type": "integer", "minimum": 0},
                    "last_message_at": {"type": "string", "format": "date-time"},
                },
            }},
            "unread_total": {"type": "integer", "minimum": 0},
        },
    },
}

TEXT_BODY = {"type": "object", "required": ["text"],
             "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 2000}}}
VOICE_BODY = {"type": "object", "required": ["audio"],
              "properties": {"audio": {"type": "string", "contentMediaType": "audio/*",
                                       "description": "AMR, AAC, MP3, M4A/3GP, WebM/Opus, "
                                                      "OGG or WAV; at most 60 s"}}}
READ_BODY = {"type": "object",
             "properties": {"up_to_seq": {"type": "integer", "minimum": 0}}}

COMMON = {"401": response_ref("Unauthorized"), "404": response_ref("NotFound"),
          "409": response_ref("Conflict"), "503": response_ref("Unavailable")}

PATHS = {
    "/api/v1/conversations/{device_id}/messages": {
        "post": {
            "summary": "Send a text or a voice clip to the other side of the conversation",
            "description": "JSON {text} or multipart with the clip in `audio`. The clip is read "
                           "with ffprobe, limited to 60 s and VOICE_MAX_MB, and stored as MP3.",
            "operationId": "sendMessage",
            "tags": ["conversations"],
            "security": USER_OR_DEVICE,
            "parameters": [DEVICE_ID],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": TEXT_BODY},
                "multipart/form-data": {"schema": VOICE_BODY}}},
            "responses": {
                "201": json_response("The message, as stored", ref("Message")),
                "400": response_ref("BadRequest"),
                "413": response_ref("PayloadTooLarge"),
                "415": response_ref("UnsupportedMediaType"),
                "422": response_ref("ValidationFailed"),
                "429": response_ref("RateLimited"),
                **COMMON,
            },
        },
        "get": {
            "summary": "The conversation's messages, newest first",
            "operationId": "listMessages",
            "tags": ["conversations"],
            "security": USER_OR_DEVICE,
            "parameters": [DEVICE_ID, {"$ref": "#/components/parameters/Page"},
                           {"$ref": "#/components/parameters/PerPage"}],
            "responses": {
                "200": json_response("A page of messages", page_of(ref("Message"))),
                "422": response_ref("ValidationFailed"),
                **COMMON,
            },
        },
    },
    "/api/v1/conversations/{device_id}": {
        "get": {
            "summary": "The caller's unread count and read marker in the conversation",
            "operationId": "getConversation",
            "tags": ["conversations"],
            "security": USER_OR_DEVICE,
            "parameters": [DEVICE_ID],
            "responses": {"200": json_response("Summary", ref("ConversationSummary")), **COMMON},
        },
    },
    "/api/v1/conversations/{device_id}/read": {
        "post": {
            "summary": "Mark the conversation read (entirely, or up to up_to_seq)",
            "operationId": "markConversationRead",
            "tags": ["conversations"],
            "security": USER_OR_DEVICE,
            "parameters": [DEVICE_ID],
            "requestBody": json_body(READ_BODY, required=False),
            "responses": {
                "200": json_response("Summary after marking", ref("ConversationSummary")),
                "400": response_ref("BadRequest"),
                "415": response_ref("UnsupportedMediaType"),
                "422": response_ref("ValidationFailed"),
                **COMMON,
            },
        },
    },
    "/api/v1/me/unread": {
        "get": {
            "summary": "Unread counts of each conversation of the signed-in user",
            "operationId": "getMyUnread",
            "tags": ["conversations"],
            "security": [{"bearer": []}],
            "responses": {"200": json_response("Counts", ref("UnreadCounts")),
                          "401": response_ref("Unauthorized"),
                          "503": response_ref("Unavailable")},
        },
    },
    "/media/messages/{message_id}/audio": {
        "get": {
            "parameters": [MESSAGE_ID, query_param("exp"), query_param("sig")],
            "summary": "A voice clip (MP3) through the signed link given as audio_url",
            "operationId": "getMessageAudio",
            "tags": ["conversations"],
            "responses": {
                "200": {"description": "The clip",
                        "content": {"audio/mpeg": {"schema": {"type": "string",
                                                              "format": "binary"}}}},
                "206": {"description": "A byte range of the clip (Range request)",
                        "content": {"audio/mpeg": {"schema": {"type": "string",
                                                              "format": "binary"}}}},
                "304": {"description": "Not modified"},
                "403": response_ref("Forbidden"),
                "404": response_ref("NotFound"),
                "416": {"description": "Range not satisfiable"},
                "503": response_ref("Unavailable"),
            },
        },
    },
}
