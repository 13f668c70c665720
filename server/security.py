"""Security defaults: CORS from configuration, security headers, request size limits.

Every response carries nosniff, a referrer policy and a framing rule. JSON gets a CSP that
allows nothing (an API answer is never a page); HTML and media may be framed by the same
origin only, because the browser host of the phone app runs its pages in same-origin iframes.
"""

from flask import current_app, request
from flask_cors import CORS

from server.errors import ApiError

# Headers a media player reads from cross-origin responses (seeking needs the Range ones).
EXPOSED_HEADERS = ["Content-Range", "Accept-Ranges", "Content-Length", "ETag", "Retry-After",
                   "X-Request-ID"]

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
JSON_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}
# Pages run only this origin's scripts (tokens live in localStorage: an injected inline script
# must not run). The app's browser host needs eval: it stands in for HTML5+'s evalJS, which
# MUI's mui.fire calls with script text; the receiver has no such need.
APP_SCRIPTS = "script-src 'self' 'unsafe-eval'"
RECEIVER_SCRIPTS = "script-src 'self'"
PAGE_POLICY = "{scripts}; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_POLICY.format(scripts=APP_SCRIPTS),
    "X-Frame-Options": "SAMEORIGIN",
}
RECEIVER_HEADERS = {**PAGE_HEADERS,
                    "Content-Security-Policy": PAGE_POLICY.format(scripts=RECEIVER_SCRIPTS)}
# Answers that carry a token must never be kept by a cache or the browser's history.
NO_STORE_PATHS = ("/api/v1/auth/", "/api/v1/devices", "/api/v1/me/subsonic-keys")


def init_app(app):
    """CORS for the configured origins, headers on every response, body size limits."""
    # Tokens travel in the Authorization header, never in cookies: no credentialed CORS,
    # so even a configured "*" can never be combined with credentials.
    CORS(app, origins=app.config["CORS_ORIGINS"], expose_headers=EXPOSED_HEADERS,
         supports_credentials=False)
    app.before_request(limit_request_size)
    app.after_request(add_security_headers)


def limit_request_size():
    """413 before any view runs when the declared body is over the limit for its type."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.is_json:
        # A JSON body is parsed in memory: it gets a far smaller cap than an upload.
        limit = min(limit, current_app.config["MAX_JSON_BYTES"])
        request.max_content_length = limit
    length = request.content_length
    if length is not None and limit is not None and length > limit:
        raise ApiError(413, "payload_too_large",
                       f"The request body is over the limit of {limit} bytes",
                       {"limit": limit})


def add_security_headers(response):
    """Set the security headers without overriding ones a view chose."""
    if response.mimetype in ("application/json", ""):
        extra = JSON_HEADERS
    else:
        extra = RECEIVER_HEADERS if request.path.startswith("/receiver") else PAGE_HEADERS
    for name, value in {**COMMON_HEADERS, **extra}.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(NO_STORE_PATHS) and request.method != "GET":
        response.headers["Cache-Control"] = "no-store"
    return response
