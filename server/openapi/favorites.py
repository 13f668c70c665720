"""OpenAPI: /api/v1/me/favorites, and the Track schema as personal lists return it."""

from server.openapi.components import (
    NO_CONTENT,
    SIGNED_IN,
    errors,
    json_response,
    page_of,
    path_id,
    ref,
    response_ref,
)

STRING = {"type": "string"}
TIME = {"type": "string", "format": "date-time"}

SCHEMAS = {
    "Track": {
        "type": "object",
        "required": ["id", "title", "artist", "album", "category", "tags", "duration", "size",
                     "mime_type", "content_hash", "has_cover", "audio_url", "cover_url",
                     "thumb_url", "play_count", "created_at", "updated_at"],
        "properties": {
            "id": STRING, "title": STRING, "artist": STRING, "album": STRING,
            "category": STRING, "tags": {"type": "array", "items": STRING},
            "duration": {"type": "number", "description": "seconds"},
            "size": {"type": "integer", "description": "bytes"},
            "mime_type": STRING, "content_hash": STRING, "has_cover": {"type": "boolean"},
            "audio_url": STRING, "cover_url": STRING, "thumb_url": STRING,
            "play_count": {"type": "integer", "minimum": 0},
            "created_at": TIME, "updated_at": TIME,
            "is_favorite": {"type": "boolean", "description": "Only when signed in"},
            "resume_position": {"type": ["number", "null"],
                                "description": "Only when signed in: seconds to resume at; "
                                               "null when finished or never played"},
        },
    },
}

TRACK_ID = path_id("track_id", "The track")
PAGING = [{"$ref": "#/components/parameters/Page"}, {"$ref": "#/components/parameters/PerPage"}]

PATHS = {
    "/api/v1/me/favorites": {
        "get": {
            "summary": "My favorite tracks, newest favorite first",
            "operationId": "listFavorites",
            "tags": ["personal"],
            "security": SIGNED_IN,
            "parameters": PAGING,
            "responses": {
                "200": json_response("A page of tracks (ones deleted since are left out)",
                                     page_of(ref("Track"))),
                **errors("Unauthorized", "ValidationFailed"),
            },
        }
    },
    "/api/v1/me/favorites/{track_id}": {
        "put": {
            "summary": "Mark a track as a favorite (idempotent)",
            "operationId": "addFavorite",
            "tags": ["personal"],
            "security": SIGNED_IN,
            "parameters": [TRACK_ID],
            "responses": {"204": NO_CONTENT, "401": response_ref("Unauthorized"),
                          "404": json_response("No such track", ref("Error"))},
        },
        "delete": {
            "summary": "Unmark a favorite (idempotent)",
            "operationId": "removeFavorite",
            "tags": ["personal"],
            "security": SIGNED_IN,
            "parameters": [TRACK_ID],
            "responses": {"204": NO_CONTENT,
                          **errors("Unauthorized", "NotFound")},
        },
    },
}
