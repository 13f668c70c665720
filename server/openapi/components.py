"""Shared OpenAPI pieces: the error shape, paging, security, common responses."""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "examples": ["not_found"]},
                "message": {"type": "string"},
                "details": {"type": "object"},
            },
        }
    },
}

SCHEMAS = {"Error": ERROR_SCHEMA}


def error_response(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


RESPONSES = {
    "BadRequest": error_response("Malformed request (bad JSON)"),
    "Unauthorized": error_response("Missing, unknown, revoked or expired token"),
    "Forbidden": error_response("Signed in, but not allowed"),
    "NotFound": error_response("No such resource (or not yours)"),
    "Conflict": error_response("Conflicts with the current state"),
    "PayloadTooLarge": error_response("Request body over the limit"),
    "UnsupportedMediaType": error_response("Wrong content type or file format"),
    "ValidationFailed": error_response("Invalid fields, named in details.fields"),
    "RateLimited": error_response("Too many requests; see Retry-After"),
    "Unavailable": error_response("The database is unavailable"),
}

PARAMETERS = {
    "Page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                        "maximum": 100000, "default": 1}},
    "PerPage": {"name": "per_page", "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
}

SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer"}}

# Use as `"security": SIGNED_IN` on operations that need a token.
SIGNED_IN = [{"bearer": []}]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def response_ref(name):
    return {"$ref": f"#/components/responses/{name}"}


def json_response(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def page_of(item_schema):
    """The schema of a paged list of items."""
    return {
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": item_schema},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
        },
    }


def json_body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def path_id(name, description):
    """An ObjectId path parameter (a malformed one is answered 404)."""
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}}


def errors(*names):
    """{status: response ref} for the named shared error responses."""
    statuses = {"BadRequest": "400", "Unauthorized": "401", "Forbidden": "403",
                "NotFound": "404", "Conflict": "409", "PayloadTooLarge": "413",
                "UnsupportedMediaType": "415", "ValidationFailed": "422",
                "RateLimited": "429", "Unavailable": "503"}
    return {statuses[name]: response_ref(name) for name in names}


NO_CONTENT = {"description": "Done; no body"}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait",
                               "schema": {"type": "integer", "minimum": 1}}}


def rate_limited(description):
    """A 429 answer with its Retry-After header and the error body."""
    return {"description": description, "headers": RETRY_AFTER,
            "content": {"application/json": {"schema": ref("Error")}}}
