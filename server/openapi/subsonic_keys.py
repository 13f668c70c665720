"""OpenAPI: /api/v1/me/subsonic-keys (API keys for Subsonic apps; /rest/ itself is Subsonic's
own API, described by the OpenSubsonic documentation, not here)."""

from server.openapi.components import SIGNED_IN, errors, json_body, json_response, ref

KEY_PROPERTIES = {
    "id": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "name": {"type": "string"},
    "hint": {"type": "string", "description": "The key's last four characters"},
    "created_at": {"type": "string", "format": "date-time"},
}

SCHEMAS = {
    "SubsonicKey": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "name", "hint", "created_at"], "properties": KEY_PROPERTIES,
    },
    "NewSubsonicKey": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "name", "hint", "created_at", "key"],
        "properties": {**KEY_PROPERTIES, "key": {
            "type": "string", "description": "The key, shown this once: the app's apiKey"}},
    },
    "SubsonicKeyCreate": {
        "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 60,
                                "description": "Which app uses it (\"Symfonium on Anna's "
                                               "phone\")"}},
    },
}

PATHS = {
    "/api/v1/me/subsonic-keys": {
        "get": {
            "summary": "The caller's API keys for Subsonic apps, newest first",
            "operationId": "listSubsonicKeys",
            "tags": ["subsonic"],
            "security": SIGNED_IN,
            "responses": {
                "200": json_response("The keys", {
                    "type": "object", "required": ["items"],
                    "properties": {"items": {"type": "array", "items": ref("SubsonicKey")}}}),
                **errors("Unauthorized", "Unavailable"),
            },
        },
        "post": {
            "summary": "Create a key for one app (at most 20)",
            "operationId": "createSubsonicKey",
            "tags": ["subsonic"],
            "security": SIGNED_IN,
            "requestBody": json_body(ref("SubsonicKeyCreate")),
            "responses": {
                "201": json_response("The key, shown this once", ref("NewSubsonicKey")),
                **errors("BadRequest", "Unauthorized", "Conflict", "UnsupportedMediaType",
                         "ValidationFailed", "Unavailable"),
            },
        },
    },
    "/api/v1/me/subsonic-keys/{key_id}": {
        "delete": {
            "summary": "Revoke a key (its apps get error 44)",
            "operationId": "revokeSubsonicKey",
            "tags": ["subsonic"],
            "security": SIGNED_IN,
            "parameters": [{"name": "key_id", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"204": {"description": "Revoked"},
                          **errors("Unauthorized", "NotFound", "Unavailable")},
        },
    },
}
