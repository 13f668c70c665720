"""OpenAPI: /api/v1/tracks and /api/v1/categories."""

from server.openapi.components import (
    SIGNED_IN,
    json_body,
    json_response,
    page_of,
    ref,
    response_ref,
)

TRACK_ID = {"name": "track_id", "in": "path", "required": True,
            "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}}
NULLABLE_TEXT = {"type": ["string", "null"], "maxLength": 200}
TAGS = {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 40}}

SCHEMAS = {
    "Track": {
        "type": "object",
        "required": ["id", "title", "artist", "album", "category", "tags", "duration", "size",
                     "mime_type", "content_hash", "has_cover", "audio_url", "cover_url",
                     "thumb_url", "play_count", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9a-f]{24}$"},
            "title": {"type": "string", "minLength": 1},
            "artist": NULLABLE_TEXT,
            "album": NULLABLE_TEXT,
            "category": {"type": "string", "minLength": 1},
            "tags": TAGS,
            "duration": {"type": "number", "exclusiveMinimum": 0,
                         "description": "seconds"},
            "size": {"type": "integer", "minimum": 0, "description": "bytes"},
            "mime_type": {"type": "string", "enum": ["audio/mpeg", "audio/mp4", "audio/aac",
                                                     "audio/ogg", "audio/flac", "audio/wav"]},
            "content_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                             "description": "SHA-256 of the audio file"},
            "has_cover": {"type": "boolean"},
            "album_id": {"type": ["string", "null"], "pattern": "^al-[0-9a-f]{16}$",
                         "description": "its album (null without an album tag)"},
            "album_artist": {"type": ["string", "null"],
                             "description": "the album artist tag, else \"Various "
                                            "Artists\" for a compilation, else the artist"},
            "album_artist_id": {"type": ["string", "null"], "pattern": "^ar-[0-9a-f]{16}$"},
            "artist_id": {"type": ["string", "null"], "pattern": "^ar-[0-9a-f]{16}$"},
            "disc_number": {"type": ["integer", "null"]},
            "track_number": {"type": ["integer", "null"]},
            "year": {"type": ["integer", "null"]},
            "genres": {"type": "array", "items": {"type": "string"},
                       "description": "every genre tag of the file"},
            "missing": {"type": "boolean",
                        "description": "read in place from a music folder, and its file was "
                                       "unreadable at the last scan (its audio answers 404)"},
            "audio_url": {"type": "string"},
            "cover_url": {"type": "string"},
            "thumb_url": {"type": "string"},
            "play_count": {"type": "integer", "minimum": 0},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "is_favorite": {"type": "boolean", "description": "only when signed in"},
            "resume_position": {"type": ["number", "null"],
                                "description": "only when signed in: seconds to resume at; "
                                               "null when finished or never played"},
        },
    },
    "TrackChanges": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": 200},
            "artist": NULLABLE_TEXT,
            "album": NULLABLE_TEXT,
            "category": {"type": "string", "minLength": 1, "maxLength": 60},
            "tags": TAGS,
        },
    },
    "TrackUpload": {
        "type": "object",
        "required": ["audio"],
        "properties": {
            "audio": {"type": "string", "format": "binary",
                      "description": "MP3, M4A/AAC, OGG/Opus, FLAC or WAV (read, not trusted "
                                     "by name or declared type)"},
            "cover": {"type": "string", "format": "binary", "description": "any image"},
            "title": {"type": "string", "maxLength": 200},
            "artist": {"type": "string", "maxLength": 200},
            "album": {"type": "string", "maxLength": 200},
            "category": {"type": "string", "maxLength": 60},
            "tags": {"type": "string", "description": "comma-separated, or the field repeated"},
        },
    },
    "Categories": {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["name", "count"],
            "properties": {"name": {"type": "string"},
                           "count": {"type": "integer", "minimum": 1}}}}},
    },
}

ADMIN_ERRORS = {"401": response_ref("Unauthorized"), "403": response_ref("Forbidden")}

PATHS = {
    "/api/v1/tracks": {
        "get": {
            "summary": "Browse and search the library",
            "operationId": "listTracks",
            "tags": ["library"],
            "parameters": [
                {"$ref": "#/components/parameters/Page"},
                {"$ref": "#/components/parameters/PerPage"},
                {"name": "q", "in": "query", "description": "words matching the start of "
                 "words in title, artist, album, tags or category (any case, accents "
                 "ignored both ways; a misspelt word matches its nearest words); without "
                 "`sort`, best matches first (title over artist over album over tags)",
                 "schema": {"type": "string", "maxLength": 200}},
                {"name": "category", "in": "query", "schema": {"type": "string",
                                                               "maxLength": 60}},
                {"name": "sort", "in": "query", "schema": {
                    "type": "string", "enum": ["title", "newest", "popular"]},
                 "description": "the order (default: best matches first for a search, "
                                "else by title)"},
            ],
            "responses": {
                "200": json_response("A page of tracks", page_of(ref("Track"))),
                "422": response_ref("ValidationFailed"),
                "503": response_ref("Unavailable"),
            },
        },
        "post": {
            "summary": "Upload a track (administrators)",
            "operationId": "uploadTrack",
            "tags": ["library"],
            "security": SIGNED_IN,
            "requestBody": {"required": True, "content": {
                "multipart/form-data": {"schema": ref("TrackUpload")}}},
            "responses": {
                "201": {**json_response("The new track", ref("Track")),
                        "headers": {"Location": {"schema": {"type": "string"}}}},
                **ADMIN_ERRORS,
                "413": response_ref("PayloadTooLarge"),
                "415": response_ref("UnsupportedMediaType"),
                "422": response_ref("ValidationFailed"),
            },
        },
    },
    "/api/v1/tracks/{track_id}": {
        "get": {
            "summary": "One track",
            "operationId": "getTrack",
            "parameters": [TRACK_ID],
            "tags": ["library"],
            "responses": {"200": json_response("The track", ref("Track")),
                          "404": response_ref("NotFound"),
                          "503": response_ref("Unavailable")},
        },
        "patch": {
            "summary": "Edit a track's fields (administrators)",
            "operationId": "updateTrack",
            "parameters": [TRACK_ID],
            "tags": ["library"],
            "security": SIGNED_IN,
            "requestBody": json_body(ref("TrackChanges")),
            "responses": {
                "200": json_response("The changed track", ref("Track")),
                "400": response_ref("BadRequest"),
                **ADMIN_ERRORS,
                "404": response_ref("NotFound"),
                "415": response_ref("UnsupportedMediaType"),
                "422": response_ref("ValidationFailed"),
            },
        },
        "delete": {
            "summary": "Delete a track (administrators); its file goes unless shared",
            "operationId": "deleteTrack",
            "parameters": [TRACK_ID],
            "tags": ["library"],
            "security": SIGNED_IN,
            "responses": {"204": {"description": "Deleted"}, **ADMIN_ERRORS,
                          "404": response_ref("NotFound")},
        },
    },
    "/api/v1/categories": {
        "get": {
            "summary": "Every category with its number of tracks",
            "operationId": "listCategories",
            "tags": ["library"],
            "responses": {"200": json_response("Categories by name", ref("Categories")),
                          "503": response_ref("Unavailable")},
        }
    },
}
