"""OpenAPI: GET /api/v1/scan."""

from server.library.scan_status import COUNTS
from server.openapi.components import SIGNED_IN, errors, json_response, ref

SCHEMAS = {
    "ScanStatus": {
        "type": "object",
        "required": ["state", "folders", "started_at", "finished_at", "current", "total", "done",
                     "counts", "errors"],
        "properties": {
            "state": {"type": "string", "enum": ["idle", "scanning", "done", "failed"],
                      "description": "idle before the first scan of this database"},
            "folders": {"type": "array", "items": {"type": "string"},
                        "description": "the music folders scanned (MUSIC_FOLDERS)"},
            "started_at": {"type": ["string", "null"], "format": "date-time"},
            "finished_at": {"type": ["string", "null"], "format": "date-time"},
            "current": {"type": ["string", "null"],
                        "description": "the file being read, relative to its folder"},
            "total": {"type": "integer", "minimum": 0,
                      "description": "files to read (new or changed: unchanged size and "
                                     "modification time are not opened)"},
            "done": {"type": "integer", "minimum": 0, "description": "of those, read so far"},
            "counts": {"type": "object", "required": list(COUNTS),
                       "description": "known_skipped: files an earlier scan skipped, unchanged "
                                      "since (not opened); cover_changed: unchanged tracks "
                                      "given their directory's new cover file (or none)",
                       "properties": {name: {"type": "integer", "minimum": 0}
                                      for name in COUNTS}},
            "errors": {"type": "array",
                       "description": "one entry per file skipped, failed or imported with "
                                      "broken tags (the newest 200); a skipped file is listed "
                                      "by the scan that first met it (or met it changed)",
                       "items": {"type": "object", "required": ["path", "reason"],
                                 "properties": {"path": {"type": "string"},
                                                "reason": {"type": "string"}}}},
        },
    }
}

PATHS = {
    "/api/v1/scan": {
        "get": {
            "summary": "The music folders' latest scan: state, counts, current file, errors",
            "operationId": "getScan",
            "tags": ["library"],
            "security": SIGNED_IN,
            "responses": {
                "200": json_response("The latest scan's progress", ref("ScanStatus")),
                **errors("Unauthorized", "Unavailable"),
            },
        }
    }
}
