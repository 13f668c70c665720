"""OpenAPI: GET/PATCH /api/v1/me, POST /api/v1/me/avatar, GET /media/avatars/<user_id>."""

from server.openapi.auth import PASSWORD, RATE_LIMITED
from server.openapi.components import SIGNED_IN, errors, json_body, json_response, path_id, ref

SCHEMAS = {
    "MeUpdate": {
        "type": "object",
        "additionalProperties": False,
        "description": "Any of: a new nickname; a password change (both password fields), "
                       "which revokes every token of the user except the one in use",
        "properties": {
            "nickname": {"type": "string", "minLength": 1, "maxLength": 64},
            "current_password": {"type": "string"},
            "new_password": PASSWORD,
            "jukebox_device_id": {"type": ["string", "null"], "pattern": "^[0-9a-fA-F]{24}$",
                                  "description": "One of the user's receivers, for Subsonic "
                                                 "apps' jukeboxControl; null: none"},
        },
    },
}

PATHS = {
    "/api/v1/me": {
        "get": {
            "summary": "The signed-in user",
            "operationId": "getMe",
            "tags": ["accounts"],
            "security": SIGNED_IN,
            "responses": {"200": json_response("The user", ref("User")),
                          **errors("Unauthorized")},
        },
        "patch": {
            "summary": "Change the nickname and/or the password",
            "operationId": "updateMe",
            "tags": ["accounts"],
            "security": SIGNED_IN,
            "requestBody": json_body(ref("MeUpdate")),
            "responses": {
                "200": json_response("The updated user", ref("User")),
                "429": RATE_LIMITED,
                **errors("BadRequest", "Unauthorized", "NotFound", "UnsupportedMediaType",
                         "ValidationFailed", "Unavailable"),
            },
        },
    },
    "/api/v1/me/avatar": {
        "post": {
            "summary": "Replace the avatar (PNG, JPEG, GIF or WebP; stored as a 256px PNG)",
            "operationId": "uploadAvatar",
            "tags": ["accounts"],
            "security": SIGNED_IN,
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["avatar"],
                "properties": {"avatar": {"type": "string", "format": "binary"}}}}}},
            "responses": {
                "200": json_response("The updated user", ref("User")),
                **errors("Unauthorized", "PayloadTooLarge", "ValidationFailed", "Unavailable"),
            },
        }
    },
    "/media/avatars/{user_id}": {
        "get": {
            "summary": "A user's avatar image (public, so <img> can load it)",
            "operationId": "getAvatar",
            "tags": ["accounts"],
            "parameters": [path_id("user_id", "The user"),
                           {"name": "v", "in": "query", "required": False,
                            "description": "Cache buster from avatar_url; ignored",
                            "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "The avatar",
                        "content": {"image/png": {"schema": {"type": "string",
                                                             "format": "binary"}}}},
                "304": {"description": "Not modified (If-None-Match / If-Modified-Since)"},
                **errors("NotFound"),
            },
        }
    },
}
