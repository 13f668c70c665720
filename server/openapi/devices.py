"""OpenAPI: /api/v1/devices (receivers, pairing, remote commands). The socket: docs/realtime.md."""

from server.openapi.components import (
    SIGNED_IN,
    json_body,
    json_response,
    page_of,
    rate_limited,
    ref,
    response_ref,
)

DEVICE_TOKEN = [{"bearer": []}]
ID = {"type": "string", "pattern": "^[0-9a-f]{24}$"}
SECONDS = {"type": "number", "minimum": 0}
DEVICE_ID_PARAM = {"name": "device_id", "in": "path", "required": True, "schema": ID}

STATE = {
    "type": "object",
    "required": ["status", "track_id", "position", "duration", "volume", "event", "updated_at"],
    "properties": {
        "status": {"enum": ["idle", "playing", "paused", "buffering", "stopped"]},
        "track_id": {"oneOf": [ID, {"type": "null"}]},
        "position": SECONDS,
        "duration": {"oneOf": [SECONDS, {"type": "null"}]},
        "volume": {"type": "number", "minimum": 0, "maximum": 1},
        "event": {"enum": ["started", "paused", "resumed", "ended", "seeked", "volume_changed",
                           "state_changed", None]},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}

SCHEMAS = {
    "Device": {
        "type": "object",
        "required": ["id", "name", "paired", "online", "state", "queue", "created_at",
                     "last_seen_at"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "paired": {"type": "boolean"},
            "online": {"type": "boolean"},
            "state": {"oneOf": [ref("DeviceState"), {"type": "null"}]},
            "queue": {
                "type": "object",
                "required": ["track_ids", "index"],
                "properties": {"track_ids": {"type": "array", "items": ID},
                               "index": {"type": "integer", "minimum": -1,
                                         "description": "the current track; -1 when empty"}},
            },
            "created_at": {"type": "string", "format": "date-time"},
            "last_seen_at": {"type": "string", "format": "date-time"},
        },
    },
    "DeviceState": STATE,
    "PairingCode": {
        "type": "object",
        "required": ["pairing_code", "pairing_expires_at"],
        "properties": {"pairing_code": {"type": "string", "pattern": "^[A-Z2-9]{6}$"},
                       "pairing_expires_at": {"type": "string", "format": "date-time"}},
    },
    "DeviceRegistration": {
        "type": "object",
        "required": ["device", "device_token", "pairing_code", "pairing_expires_at"],
        "properties": {"device": ref("Device"), "device_token": {"type": "string"},
                       "pairing_code": {"type": "string", "pattern": "^[A-Z2-9]{6}$"},
                       "pairing_expires_at": {"type": "string", "format": "date-time"}},
    },
    "DeviceCommand": {
        "type": "object",
        "required": ["action"],
        "properties": {
            "action": {"enum": ["play", "pause", "resume", "stop", "seek", "volume", "next",
                                "prev", "sleep"],
                       "description": "play, resume, next, prev: refused with 409 quiet_time "
                                      "or limit_reached, 403 not_allowed by house rules"},
            "track_ids": {"type": "array", "items": ID, "minItems": 1, "maxItems": 500,
                          "description": "play: the tracks to queue"},
            "mode": {"enum": ["now", "next", "last"], "default": "now",
                     "description": "play: replace the queue, insert after the current, append"},
            "position": {**SECONDS, "description": "play: start position; seek: target"},
            "volume": {"type": "number", "minimum": 0, "maximum": 1,
                       "description": "volume: lowered to the rules' maximum"},
            "minutes": {"type": "number", "minimum": 0, "maximum": 600,
                        "description": "sleep: stop after this long (0 cancels)"},
            "end_of_track": {"type": "boolean", "description": "sleep: stop at the track's end"},
            "fade_seconds": {"type": "number", "minimum": 0, "maximum": 120,
                             "description": "sleep: fade-out length (10)"},
        },
    },
}

NAME = {"type": "string", "minLength": 1, "maxLength": 60}
# Where a name is optional, null means "not given" (the default name, or unchanged).
OPTIONAL_NAME = {"type": ["string", "null"], "minLength": 1, "maxLength": 60}
DEVICE_RESPONSE = json_response("The device", ref("Device"))


def operation(summary, operation_id, responses, **extra):
    return {"summary": summary, "operationId": operation_id, "tags": ["devices"],
            "responses": responses, **extra}


PATHS = {
    "/api/v1/devices": {
        "post": operation(
            "Register a receiver (no auth): its token and first pairing code", "registerDevice",
            {"201": json_response("Registered", ref("DeviceRegistration")),
             "400": response_ref("BadRequest"), "415": response_ref("UnsupportedMediaType"),
             "422": response_ref("ValidationFailed"),
             "429": rate_limited("Too many receivers registered from this client address "
                                 "within the window (code rate_limited)")},
            requestBody=json_body({"type": "object", "properties": {"name": OPTIONAL_NAME}},
                                  required=False)),
        "get": operation(
            "The devices of the signed-in user's household", "listDevices",
            {"200": json_response("A page of devices", page_of(ref("Device"))),
             "401": response_ref("Unauthorized"), "422": response_ref("ValidationFailed")},
            security=SIGNED_IN,
            parameters=[{"$ref": "#/components/parameters/Page"},
                        {"$ref": "#/components/parameters/PerPage"}]),
    },
    "/api/v1/devices/pairing-code": {
        "post": operation(
            "A fresh pairing code for the calling receiver (device token as Bearer)",
            "newPairingCode",
            {"201": json_response("The new code", ref("PairingCode")),
             "401": response_ref("Unauthorized")}, security=DEVICE_TOKEN),
    },
    "/api/v1/devices/pairing-qr.svg": {
        "get": operation(
            "The pairing QR code as SVG; it holds <origin>/?pair=<code>", "getPairingQr",
            {"200": {"description": "SVG image",
                     "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
             "422": response_ref("ValidationFailed")},
            parameters=[{"name": "code", "in": "query", "required": True,
                         "schema": {"type": "string"}}]),
    },
    "/api/v1/devices/pair": {
        "post": operation(
            "Pair the receiver showing a code with the signed-in adult's household (409 "
            "household_join_required, with that household's name, when it is another "
            "household's: nothing is taken, join it with the same code)", "pairDevice",
            {"200": DEVICE_RESPONSE, "400": response_ref("BadRequest"),
             "401": response_ref("Unauthorized"), "403": response_ref("Forbidden"),
             "404": response_ref("NotFound"), "409": response_ref("Conflict"),
             "415": response_ref("UnsupportedMediaType"),
             "422": response_ref("ValidationFailed"),
             "429": rate_limited("Too many pairing codes tried by this account or from this "
                                 "address within the window (code too_many_attempts; a right "
                                 "code is not counted)")},
            security=SIGNED_IN,
            requestBody=json_body({"type": "object", "required": ["code"],
                                   "properties": {"code": {"type": "string"},
                                                  "name": OPTIONAL_NAME}})),
    },
    "/api/v1/devices/{device_id}": {
        "get": operation("One of the household's devices", "getDevice",
                         {"200": DEVICE_RESPONSE, "401": response_ref("Unauthorized"),
                          "404": response_ref("NotFound")},
                         security=SIGNED_IN, parameters=[DEVICE_ID_PARAM]),
        "patch": operation(
            "Rename a device (adults)", "renameDevice",
            {"200": DEVICE_RESPONSE, "400": response_ref("BadRequest"),
             "401": response_ref("Unauthorized"), "403": response_ref("Forbidden"),
             "404": response_ref("NotFound"),
             "415": response_ref("UnsupportedMediaType"),
             "422": response_ref("ValidationFailed")},
            security=SIGNED_IN, parameters=[DEVICE_ID_PARAM],
            requestBody=json_body({"type": "object", "required": ["name"],
                                   "properties": {"name": NAME}})),
        "delete": operation("Unpair and forget a device (its token stops working; adults)",
                            "deleteDevice",
                            {"204": {"description": "Gone"}, "401": response_ref("Unauthorized"),
                             "403": response_ref("Forbidden"), "404": response_ref("NotFound")},
                            security=SIGNED_IN, parameters=[DEVICE_ID_PARAM]),
    },
    "/api/v1/devices/{device_id}/commands": {
        "post": operation(
            "Send a command to a device, as on the socket", "sendDeviceCommand",
            {"202": json_response("Delivered to the receiver",
                                  {"type": "object", "required": ["status"],
                                   "properties": {"status": {"const": "sent"}}}),
             "400": response_ref("BadRequest"), "401": response_ref("Unauthorized"),
             "403": response_ref("Forbidden"), "404": response_ref("NotFound"),
             "409": response_ref("Conflict"), "415": response_ref("UnsupportedMediaType"),
             "422": response_ref("ValidationFailed")},
            security=SIGNED_IN, parameters=[DEVICE_ID_PARAM],
            requestBody=json_body(ref("DeviceCommand"))),
    },
}
