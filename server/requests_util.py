"""Parsing request input the same way everywhere: JSON bodies and paging."""

from flask import current_app, request

from server.errors import ApiError, ValidationError


def json_body():
    """The request's JSON object; 400 when it is malformed, 415 when it is not JSON."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type",
                       "Send a JSON body (Content-Type: application/json)")
    body = request.get_json(silent=True)
    if body is None:
        raise ApiError(400, "bad_request", "The request body is not valid JSON")
    if not isinstance(body, dict):
        raise ApiError(400, "bad_request", "The request body must be a JSON object")
    return body


def int_arg(name, default, minimum, maximum=None):
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: "must be an integer"}) from None
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise ValidationError({name: f"must be {bound}"})
    return value


def paging():
    """(page, per_page) from the query string; per_page is capped by PER_PAGE_MAX."""
    cap = current_app.config["PER_PAGE_MAX"]
    page = int_arg("page", 1, 1, 100000)
    per_page = int_arg("per_page", 20, 1, cap)
    return page, per_page


def page_of(items, total, page, per_page):
    return {"items": items, "total": total, "page": page, "per_page": per_page}
