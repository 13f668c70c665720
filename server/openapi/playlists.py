"""OpenAPI: /api/v1/playlists and their tracks."""

from server.openapi.components import (
    NO_CONTENT,
    SIGNED_IN,
    errors,
    json_body,
    json_response,
    page_of,
    path_id,
    ref,
)
from server.openapi.favorites import PAGING

ID = {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}
PLAYLIST_FIELDS = {
    "id": {"type": "string"},
    "name": {"type": "string"},
    "track_ids": {"type": "array", "items": {"type": "string"}},
    "track_count": {"type": "integer", "minimum": 0},
    "version": {"type": "integer", "minimum": 1,
                "description": "Rises with every change; send it back to reorder"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "shared": {"type": "boolean", "description": "Shared with the owner's household: every "
               "member lists and reads it, only the owner changes it"},
    "owner_id": {"type": "string"},
}
PLAYLIST_REQUIRED = ["id", "name", "track_ids", "track_count", "version", "created_at",
                     "updated_at", "shared", "owner_id"]

SCHEMAS = {
    "Playlist": {"type": "object", "required": PLAYLIST_REQUIRED, "additionalProperties": False,
                 "properties": PLAYLIST_FIELDS},
    "PlaylistWithTracks": {
        "type": "object", "required": [*PLAYLIST_REQUIRED, "tracks"],
        "additionalProperties": False,
        "properties": {**PLAYLIST_FIELDS,
                       "tracks": {"type": "array", "items": ref("Track"),
                                  "description": "In order; tracks deleted since left out"}},
    },
    "PlaylistCreate": {
        "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
                       # null (like an empty list) creates an empty playlist.
                       "track_ids": {"type": ["array", "null"], "items": ID, "maxItems": 500}},
    },
    "PlaylistRename": {
        "type": "object", "minProperties": 1,
        "description": "A new name and/or shared (true: the household's members see it)",
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
                       "shared": {"type": "boolean"}},
    },
    "PlaylistTracks": {
        "type": "object", "required": ["track_ids"],
        "properties": {"track_ids": {"type": "array", "items": ID, "minItems": 1,
                                     "maxItems": 500}},
    },
    "PlaylistOrder": {
        "type": "object", "required": ["track_ids", "version"],
        "properties": {"track_ids": {"type": "array", "items": ID,
                                     "description": "Exactly the playlist's tracks, reordered"},
                       "version": {"type": "integer", "minimum": 1}},
    },
}

PLAYLIST_ID = path_id("playlist_id", "The playlist (someone else's is a 404)")
TRACKS_MISSING = json_response("No such playlist, or some tracks do not exist "
                               "(track_not_found, details.track_ids)", ref("Error"))


def operation(summary, operation_id, responses, body=None, parameters=(PLAYLIST_ID,)):
    op = {"summary": summary, "operationId": operation_id, "tags": ["personal"],
          "security": SIGNED_IN, "parameters": list(parameters), "responses": responses}
    if body:
        op["requestBody"] = json_body(ref(body))
    return op


EDIT_ERRORS = errors("BadRequest", "Unauthorized", "NotFound", "UnsupportedMediaType",
                     "ValidationFailed", "Unavailable")

PATHS = {
    "/api/v1/playlists": {
        "get": operation("My playlists, newest first (without their tracks)", "listPlaylists", {
            "200": json_response("A page of playlists", page_of(ref("Playlist"))),
            **errors("Unauthorized", "ValidationFailed")}, parameters=PAGING),
        "post": operation("Create a playlist", "createPlaylist", {
            "201": json_response("The new playlist", ref("PlaylistWithTracks")),
            **EDIT_ERRORS, "404": TRACKS_MISSING}, "PlaylistCreate", parameters=()),
    },
    "/api/v1/playlists/{playlist_id}": {
        "get": operation("One playlist with its tracks", "getPlaylist", {
            "200": json_response("The playlist", ref("PlaylistWithTracks")),
            **errors("Unauthorized", "NotFound")}),
        "patch": operation("Rename a playlist or share it with the household", "renamePlaylist", {
            "200": json_response("The playlist", ref("Playlist")), **EDIT_ERRORS},
            "PlaylistRename"),
        "delete": operation("Delete a playlist", "deletePlaylist", {
            "204": NO_CONTENT, **errors("Unauthorized", "NotFound", "Unavailable")}),
    },
    "/api/v1/playlists/{playlist_id}/tracks": {
        "post": operation("Append tracks (ones already in it stay where they are)",
                          "addPlaylistTracks", {
                              "200": json_response("The playlist", ref("Playlist")),
                              **EDIT_ERRORS, "404": TRACKS_MISSING}, "PlaylistTracks"),
    },
    "/api/v1/playlists/{playlist_id}/tracks/{track_id}": {
        "delete": operation("Take a track out (idempotent)", "removePlaylistTrack", {
            "200": json_response("The playlist", ref("Playlist")),
            **errors("Unauthorized", "NotFound", "Unavailable")},
            parameters=(PLAYLIST_ID, path_id("track_id", "The track"))),
    },
    "/api/v1/playlists/{playlist_id}/order": {
        "put": operation("Reorder, if the playlist is still at `version`", "reorderPlaylist", {
            "200": json_response("The playlist", ref("Playlist")),
            "409": json_response("Changed since `version` (version_conflict, "
                                 "details.current_version): reload and retry", ref("Error")),
            **EDIT_ERRORS}, "PlaylistOrder"),
    },
}
