"""OpenAPI: /api/v1/albums, /artists, /genres and /search."""

from server.openapi.components import json_response, page_of, ref, response_ref

ALBUM_ID = {"name": "album_id", "in": "path", "required": True,
            "schema": {"type": "string", "pattern": "^al-[0-9a-f]{16}$"}}
ARTIST_ID = {"name": "artist_id", "in": "path", "required": True,
             "schema": {"type": "string", "pattern": "^ar-[0-9a-f]{16}$"}}
NULLABLE_URL = {"type": ["string", "null"]}
LISTED = {"200": None, "422": response_ref("ValidationFailed"), "503": response_ref("Unavailable")}
FOUND = {"404": response_ref("NotFound"), "503": response_ref("Unavailable")}

SCHEMAS = {
    "Album": {
        "type": "object",
        "description": "Tracks sharing an album tag and album artist (the album artist tag, "
                       "else \"Various Artists\" for a compilation, else the artist). The id "
                       "is derived from the normalised names, so it survives rescans.",
        "required": ["id", "title", "artist", "artist_id", "year", "genres", "track_count",
                     "disc_count", "duration", "play_count", "compilation", "created_at",
                     "last_played", "cover_url", "thumb_url"],
        "properties": {
            "id": {"type": "string", "pattern": "^al-[0-9a-f]{16}$"},
            "title": {"type": "string"},
            "artist": {"type": ["string", "null"]},
            "artist_id": {"type": ["string", "null"], "pattern": "^ar-[0-9a-f]{16}$"},
            "year": {"type": ["integer", "null"], "description": "the earliest track year"},
            "genres": {"type": "array", "items": {"type": "string"}},
            "track_count": {"type": "integer", "minimum": 1},
            "disc_count": {"type": "integer", "minimum": 1},
            "duration": {"type": "number", "description": "seconds, all tracks"},
            "play_count": {"type": "integer", "minimum": 0},
            "compilation": {"type": "boolean"},
            "created_at": {"type": "string", "format": "date-time",
                           "description": "when its latest track was added"},
            "last_played": {"type": ["string", "null"], "format": "date-time"},
            "cover_url": NULLABLE_URL,
            "thumb_url": {**NULLABLE_URL, "description": "a 256×256 thumbnail for grids"},
        },
    },
    "AlbumDetail": {"allOf": [ref("Album"), {
        "type": "object", "required": ["tracks"],
        "properties": {"tracks": {"type": "array", "items": ref("Track"),
                                  "description": "by disc, then track number"}}}]},
    "Artist": {
        "type": "object",
        "required": ["id", "name", "album_count", "track_count", "play_count", "cover_url",
                     "thumb_url"],
        "properties": {
            "id": {"type": "string", "pattern": "^ar-[0-9a-f]{16}$"},
            "name": {"type": "string"},
            "album_count": {"type": "integer", "minimum": 0,
                            "description": "albums filed under this artist"},
            "track_count": {"type": "integer", "minimum": 0},
            "play_count": {"type": "integer", "minimum": 0},
            "cover_url": NULLABLE_URL,
            "thumb_url": NULLABLE_URL,
        },
    },
    "ArtistDetail": {"allOf": [ref("Artist"), {
        "type": "object", "required": ["albums", "appears_on", "top_tracks"],
        "properties": {
            "albums": {"type": "array", "items": ref("Album")},
            "appears_on": {"type": "array", "items": ref("Album"),
                           "description": "other albums with tracks by this artist"},
            "top_tracks": {"type": "array", "items": ref("Track"), "maxItems": 10}}}]},
    "Genres": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["name", "track_count", "album_count"],
            "properties": {"name": {"type": "string"},
                           "track_count": {"type": "integer", "minimum": 1},
                           "album_count": {"type": "integer", "minimum": 0}}}}},
    },
    "SearchResults": {
        "type": "object", "required": ["tracks", "albums", "artists"],
        "properties": {
            "tracks": {"type": "object", "required": ["items", "total"], "properties": {
                "items": {"type": "array", "items": ref("Track")},
                "total": {"type": "integer", "minimum": 0}}},
            "albums": {"type": "array", "items": ref("Album")},
            "artists": {"type": "array", "items": ref("Artist")},
        },
    },
}

ALBUM_LIST_PARAMETERS = [
    {"$ref": "#/components/parameters/Page"},
    {"$ref": "#/components/parameters/PerPage"},
    {"name": "sort", "in": "query", "schema": {
        "type": "string", "default": "title",
        "enum": ["title", "artist", "year", "newest", "recently_played", "most_played",
                 "random"]},
     "description": "recently_played and most_played list only albums played at least once"},
    {"name": "seed", "in": "query", "schema": {"type": "integer", "minimum": 1},
     "description": "sort=random: the shuffle (the answer's `seed`; pass it for later pages)"},
    {"name": "genre", "in": "query", "schema": {"type": "string", "maxLength": 40}},
    {"name": "year_from", "in": "query", "schema": {"type": "integer", "minimum": 0}},
    {"name": "year_to", "in": "query", "schema": {"type": "integer", "minimum": 0}},
    {"name": "artist_id", "in": "query", "description": "albums filed under this artist",
     "schema": {"type": "string", "pattern": "^ar-[0-9a-f]{16}$"}},
]

PATHS = {
    "/api/v1/albums": {"get": {
        "summary": "Browse albums", "operationId": "listAlbums", "tags": ["library"],
        "parameters": ALBUM_LIST_PARAMETERS,
        "responses": {**LISTED, "200": json_response(
            "A page of albums (with `seed` for sort=random)",
            {**page_of(ref("Album")), "properties": {
                **page_of(ref("Album"))["properties"], "seed": {"type": "integer"}}})},
    }},
    "/api/v1/albums/{album_id}": {"get": {
        "summary": "One album and its tracks", "operationId": "getAlbum", "tags": ["library"],
        "parameters": [ALBUM_ID],
        "responses": {"200": json_response("The album", ref("AlbumDetail")), **FOUND},
    }},
    "/api/v1/artists": {"get": {
        "summary": "Browse artists by name", "operationId": "listArtists", "tags": ["library"],
        "parameters": [{"$ref": "#/components/parameters/Page"},
                       {"$ref": "#/components/parameters/PerPage"}],
        "responses": {**LISTED, "200": json_response("A page of artists",
                                                     page_of(ref("Artist")))},
    }},
    "/api/v1/artists/{artist_id}": {"get": {
        "summary": "One artist: albums, appearances, top tracks", "operationId": "getArtist",
        "tags": ["library"], "parameters": [ARTIST_ID],
        "responses": {"200": json_response("The artist", ref("ArtistDetail")), **FOUND},
    }},
    "/api/v1/genres": {"get": {
        "summary": "Every genre with its numbers of tracks and albums",
        "operationId": "listGenres", "tags": ["library"],
        "responses": {"200": json_response("Genres by name", ref("Genres")),
                      "503": response_ref("Unavailable")},
    }},
    "/api/v1/search": {"get": {
        "summary": "Search tracks, albums and artists at once", "operationId": "searchLibrary",
        "tags": ["library"],
        "parameters": [
            {"name": "q", "in": "query", "required": True,
             "schema": {"type": "string", "minLength": 1, "maxLength": 200},
             "description": "tracks as /api/v1/tracks?q= finds them (best first); albums and "
                            "artists with a word starting with each word of q"},
            {"name": "limit", "in": "query", "description": "at most this many of each kind",
             "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}],
        "responses": {**LISTED, "200": json_response("Matches grouped by kind",
                                                     ref("SearchResults"))},
    }},
}
