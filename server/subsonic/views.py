"""/rest/<method> and /rest/<method>.view, GET and POST: authenticate, dispatch, render.

Every answer is HTTP 200 with the envelope (or the file a media method returns); no
exception leaves as an HTML page or a 5xx.
"""

import logging

from flask import Blueprint, Response, g
from pymongo.errors import PyMongoError
from werkzeug.exceptions import HTTPException

from server import errors
from server.errors import ApiError
from server.subsonic import auth, envelope
from server.subsonic.errors import (
    GENERIC,
    MISSING_PARAMETER,
    NOT_AUTHORIZED,
    NOT_FOUND,
    SubsonicError,
)
from server.subsonic.params import Params
from server.subsonic.registry import METHODS

log = logging.getLogger(__name__)
bp = Blueprint("subsonic", __name__, url_prefix="/rest")
API_ERROR_CODES = {400: MISSING_PARAMETER, 401: NOT_AUTHORIZED, 403: NOT_AUTHORIZED,
                   404: NOT_FOUND, 413: MISSING_PARAMETER, 422: MISSING_PARAMETER}


def method_name(path):
    return path[:-5] if path.endswith(".view") else path


def run(name, params):
    """The method's payload dict (or its own Response); SubsonicError for a failure."""
    entry = METHODS.get(name)
    if entry is None:
        raise SubsonicError(GENERIC, f"Unknown method {name[:60]!r}")
    if not entry.public:
        g.subsonic_user = auth.authenticate(params)
        if entry.admin and not g.subsonic_user.get("is_admin"):
            raise SubsonicError(NOT_AUTHORIZED, "This method needs an administrator")
    return entry.func(params)


def as_subsonic(error):
    """A SubsonicError for an ApiError raised by the code the methods share with /api/v1."""
    return SubsonicError(API_ERROR_CODES.get(error.status, GENERIC), error.message)


@bp.route("/<path:path>", methods=["GET", "POST"])
def call(path):
    """One Subsonic method."""
    try:
        params = Params()
        fmt, callback = envelope.format_of(params)
    except HTTPException as error:  # a body too large or malformed to parse
        return failure(SubsonicError(MISSING_PARAMETER, error.description or error.name),
                       "xml", None)
    try:
        result = run(method_name(path), params)
    except SubsonicError as error:
        return failure(error, fmt, callback)
    except ApiError as error:
        return failure(as_subsonic(error), fmt, callback)
    except PyMongoError:
        log.warning("database error in /rest/%s", path, exc_info=True)
        return failure(SubsonicError(GENERIC, "The database is unavailable; try again shortly"),
                       fmt, callback)
    if isinstance(result, Response):
        return result
    return envelope.render(envelope.envelope("ok", result), fmt, callback)


def failure(error, fmt, callback):
    body = envelope.envelope("failed", envelope.error_payload(error.code, error.message))
    return envelope.render(body, fmt, callback)


@bp.errorhandler(Exception)
def unexpected(error):
    """Anything else still answers an envelope (the app's handler would answer JSON 500).

    HTTP errors of the file answers keep their meaning: a Range past the end is a 416 with
    its Content-Range, as on /media/.
    """
    if isinstance(error, HTTPException):
        return errors.handle_http_exception(error)
    log.exception("unhandled error in /rest/")
    return failure(SubsonicError(GENERIC, "An internal error occurred"), "xml", None)
