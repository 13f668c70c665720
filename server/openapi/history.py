"""OpenAPI: POST/GET /api/v1/me/history."""

from server.openapi.components import SIGNED_IN, errors, json_body, json_response, page_of, ref
from server.openapi.favorites import PAGING

SCHEMAS = {
    "HistoryEntry": {
        "type": "object",
        "required": ["track", "position", "completed", "played_at"],
        "additionalProperties": False,
        "properties": {
            "track": ref("Track"),
            "position": {"type": "number", "minimum": 0, "description": "seconds"},
            "completed": {"type": "boolean"},
            "played_at": {"type": "string", "format": "date-time"},
        },
    },
    "PlayReport": {
        "type": "object",
        "required": ["track_id", "position"],
        "properties": {
            "track_id": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"},
            "position": {"type": "number", "minimum": 0, "maximum": 604800},
            "completed": {"type": "boolean", "default": False},
        },
    },
}

PATHS = {
    "/api/v1/me/history": {
        "post": {
            "summary": "Report the player's position in a track (every few seconds, on pause)",
            "description": "One row per track. The track's play_count rises once per listen: "
                           "when the row is created, or when a completed row gets a report "
                           "that is not completed (played again).",
            "operationId": "reportPlay",
            "tags": ["personal"],
            "security": SIGNED_IN,
            "requestBody": json_body(ref("PlayReport")),
            "responses": {
                "200": json_response("The history row", ref("HistoryEntry")),
                "404": json_response("No such track", ref("Error")),
                **errors("BadRequest", "Unauthorized", "UnsupportedMediaType",
                         "ValidationFailed", "Unavailable"),
            },
        },
        "get": {
            "summary": "Recently played tracks, one row per track, most recent first",
            "operationId": "listHistory",
            "tags": ["personal"],
            "security": SIGNED_IN,
            "parameters": PAGING,
            "responses": {
                "200": json_response("A page of history rows (deleted tracks left out)",
                                     page_of(ref("HistoryEntry"))),
                **errors("Unauthorized", "ValidationFailed"),
            },
        },
    },
}
