"""OpenAPI: /media/tracks/{track_id}/audio and /cover (files, not JSON)."""

from server.openapi.components import response_ref
from server.openapi.tracks import TRACK_ID

BINARY = {"type": "string", "format": "binary"}
FILE_HEADERS = {
    name: {"schema": {"type": "string"}, "description": description}
    for name, description in (
        ("ETag", "strong validator; send it back in If-None-Match"),
        ("Last-Modified", "send it back in If-Modified-Since"),
        ("Accept-Ranges", "bytes"),
        ("Cache-Control", "audio: no-cache (revalidate); covers: public, 30 days"),
    )
}
RANGE = {"name": "Range", "in": "header", "required": False,
         "description": "bytes=a-b, bytes=a- or bytes=-n", "schema": {"type": "string"}}
CONDITIONAL = [
    RANGE,
    {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}},
    {"name": "If-Modified-Since", "in": "header", "required": False,
     "schema": {"type": "string"}},
]


def file_responses(media_type, description):
    """200 / 206 / 304 / 404 / 416 for a file served with send_file(conditional=True)."""
    content = {media_type: {"schema": BINARY}}
    return {
        "200": {"description": description, "headers": FILE_HEADERS, "content": content},
        "206": {"description": "The requested byte range",
                "headers": {**FILE_HEADERS, "Content-Range": {"schema": {"type": "string"}}},
                "content": content},
        "304": {"description": "Not modified (ETag or Last-Modified matched)"},
        "404": response_ref("NotFound"),
        "416": {"description": "Range not satisfiable; Content-Range: bytes */size",
                "headers": {"Content-Range": {"schema": {"type": "string"}}},
                "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Error"}}}},
    }


PATHS = {
    "/media/tracks/{track_id}/audio": {
        "get": {
            "summary": "A track's audio, seekable with Range requests",
            "operationId": "getTrackAudio",
            "tags": ["media"],
            "parameters": [TRACK_ID, *CONDITIONAL,
                           {"name": "max_bitrate", "in": "query", "required": False,
                            "description": "The app's data saver: kb/s; a file above it is "
                                           "transcoded to MP3 by ffmpeg (no Range then)",
                            "schema": {"type": "integer", "minimum": 32, "maximum": 320}}],
            "responses": {**file_responses("audio/*", "The whole file"),
                          "422": response_ref("ValidationFailed"),
                          "503": response_ref("Unavailable")},
        },
    },
    "/media/tracks/{track_id}/cover": {
        "get": {
            "summary": "A track's cover (JPEG), or the default cover when it has none",
            "operationId": "getTrackCover",
            "tags": ["media"],
            "parameters": [
                TRACK_ID,
                {"name": "size", "in": "query", "schema": {
                    "type": "string", "enum": ["full", "thumb"], "default": "full"}},
                {"name": "v", "in": "query", "schema": {"type": "string"},
                 "description": "The cover's version, as in the API's cover URLs: the current "
                                "one is cached for good (immutable); none or a stale one is "
                                "still the current cover, revalidated by its ETag"},
                *CONDITIONAL,
            ],
            "responses": {**file_responses("image/jpeg", "The cover image"),
                          "422": response_ref("ValidationFailed")},
        },
    },
}
