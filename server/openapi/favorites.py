"""OpenAPI: /api/v1/me/favorites (Track is described in server/openapi/tracks.py)."""

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
