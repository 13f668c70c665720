"""ApiError and the JSON error handlers: every error is {"error": {code, message, details}}."""

import logging

from flask import jsonify
from pymongo.errors import ConnectionFailure, PyMongoError, ServerSelectionTimeoutError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# Machine-readable codes for the HTTP errors Werkzeug raises.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the API reports to its client as JSON."""

    def __init__(self, status, code, message, details=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}


class ValidationError(ApiError):
    """422 naming each bad field: details = {"fields": {name: reason}}."""

    def __init__(self, fields, message=None):
        # A form part whose name does not parse comes back named None: name it anyway.
        fields = {str(name): reason for name, reason in fields.items()}
        names = ", ".join(sorted(fields))
        super().__init__(422, "validation_failed", message or f"Invalid fields: {names}",
                         {"fields": fields})


def not_found(what="resource"):
    return ApiError(404, "not_found", f"{what} not found")


def error_response(status, code, message, details=None, headers=None):
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def handle_api_error(error):
    return error_response(error.status, error.code, error.message, error.details, error.headers)


def handle_http_exception(error):
    status = error.code or 500
    code = HTTP_CODES.get(status, "http_error")
    # Keep the exception's own headers (Allow on 405, Content-Range on 416), not its HTML type.
    headers = {name: value for name, value in error.get_headers()
               if name.lower() != "content-type"}
    message = error.description or error.name
    return error_response(status, code, message, headers=headers)


def handle_db_unavailable(error):
    log.warning("database unavailable: %s", error)
    return error_response(503, "db_unavailable", "The database is unavailable; try again shortly.",
                          headers={"Retry-After": "5"})


def handle_db_error(error):
    log.exception("database error")
    return error_response(500, "internal_error", "An internal error occurred.")


def handle_unexpected(error):
    log.exception("unhandled error")
    return error_response(500, "internal_error", "An internal error occurred.")


def init_app(app):
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ServerSelectionTimeoutError, handle_db_unavailable)
    app.register_error_handler(ConnectionFailure, handle_db_unavailable)
    app.register_error_handler(PyMongoError, handle_db_error)
    app.register_error_handler(Exception, handle_unexpected)
