"""OpenAPI: POST /api/v1/auth/register, /login, /logout."""

from server.openapi.components import (
    NO_CONTENT,
    SIGNED_IN,
    errors,
    json_body,
    json_response,
    rate_limited,
    ref,
)

USERNAME = {"type": "string", "pattern": "^[A-Za-z0-9._-]{3,32}$",
            "description": "Unique regardless of letter case"}
PASSWORD = {"type": "string", "minLength": 8, "maxLength": 128,
            "description": "Not a common or trivially guessable password, not the username"}

SCHEMAS = {
    "User": {
        "type": "object",
        "required": ["id", "username", "nickname", "is_admin", "avatar_url", "created_at"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "username": {"type": "string"},
            "nickname": {"type": "string"},
            "is_admin": {"type": "boolean"},
            "avatar_url": {"type": ["string", "null"],
                           "description": "/media/avatars/<id>?v=..., null without an avatar"},
            "jukebox_device_id": {"type": ["string", "null"],
                                  "description": "The receiver Subsonic's jukeboxControl "
                                                 "drives (PATCH /api/v1/me), or null"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "AuthResult": {
        "type": "object",
        "required": ["user", "token"],
        "additionalProperties": False,
        "properties": {"user": ref("User"),
                       "token": {"type": "string", "description": "Send as Bearer token"}},
    },
    "RegisterRequest": {
        "type": "object",
        "required": ["username", "password"],
        "properties": {"username": USERNAME, "password": PASSWORD,
                       "nickname": {"type": "string", "minLength": 1, "maxLength": 64}},
    },
    "LoginRequest": {
        "type": "object",
        "required": ["username", "password"],
        "properties": {"username": {"type": "string"}, "password": {"type": "string"}},
    },
}

RATE_LIMITED = rate_limited("Too many failed sign-ins for this account from this address, from "
                            "this address, or for this account from addresses it never signed "
                            "in from (code too_many_attempts)")

# server/cpu_pool.py: too many password checks already wait for the pool.
BUSY = json_response("Too many password checks are waiting; retry after Retry-After (busy)",
                     ref("Error"))

PATHS = {
    "/api/v1/auth/register": {
        "post": {
            "summary": "Create an account and sign in",
            "operationId": "register",
            "tags": ["accounts"],
            "requestBody": json_body(ref("RegisterRequest")),
            "responses": {
                "201": json_response("Account created; a new token", ref("AuthResult")),
                "409": json_response("Username taken in some letter case (username_taken)",
                                     ref("Error")),
                "429": rate_limited("Too many sign-ups from this client address within the "
                                    "window, a taken name included (code rate_limited)"),
                "503": BUSY,
                **errors("BadRequest", "UnsupportedMediaType", "ValidationFailed"),
            },
        }
    },
    "/api/v1/auth/login": {
        "post": {
            "summary": "Exchange a username and password for a token",
            "operationId": "login",
            "tags": ["accounts"],
            "requestBody": json_body(ref("LoginRequest")),
            "responses": {
                "200": json_response("Signed in; a new token", ref("AuthResult")),
                "401": json_response("Wrong username or password, the same answer for both "
                                     "(invalid_credentials)", ref("Error")),
                "429": RATE_LIMITED,
                "503": BUSY,
                **errors("BadRequest", "UnsupportedMediaType", "ValidationFailed"),
            },
        }
    },
    "/api/v1/auth/logout": {
        "post": {
            "summary": "Revoke the token this request carries",
            "operationId": "logout",
            "tags": ["accounts"],
            "security": SIGNED_IN,
            "responses": {"204": NO_CONTENT, **errors("Unauthorized")},
        }
    },
}
