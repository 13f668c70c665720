"""OpenAPI: GET /api/v1/health."""

from server.openapi.components import json_response, ref, response_ref

SCHEMAS = {
    "Health": {
        "type": "object",
        "required": ["status", "db", "version", "env", "time"],
        "properties": {
            "status": {"const": "ok"},
            "db": {"const": "ok"},
            "catalogue": {"type": "string", "enum": ["loading", "ready"],
                          "description": "the process's library read model: library "
                                         "requests wait for it, then answer 503 "
                                         "catalogue_loading with Retry-After"},
            "version": {"type": "string"},
            "env": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
        },
    }
}

PATHS = {
    "/api/v1/health": {
        "get": {
            "summary": "Server and database state",
            "operationId": "getHealth",
            "tags": ["meta"],
            "responses": {
                "200": json_response("Up, database reachable", ref("Health")),
                "503": response_ref("Unavailable"),
            },
        }
    }
}
