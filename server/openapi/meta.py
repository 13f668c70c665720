"""OpenAPI: the document itself and its human-readable page."""

from server.openapi.components import json_response

PATHS = {
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This OpenAPI 3.1 document",
            "operationId": "getOpenApi",
            "tags": ["meta"],
            "responses": {"200": json_response("The document", {"type": "object"})},
        }
    },
    "/api/docs": {
        "get": {
            "summary": "A human-readable page listing every operation",
            "operationId": "getApiDocs",
            "tags": ["meta"],
            "responses": {"200": {"description": "HTML page",
                                  "content": {"text/html": {"schema": {"type": "string"}}}}},
        }
    },
}
