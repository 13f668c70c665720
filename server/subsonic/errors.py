"""Subsonic's error codes, and the exception every /rest/ method raises to answer one.

Errors travel with HTTP 200 inside the envelope (clients read the code, not the status).
"""

GENERIC = 0
MISSING_PARAMETER = 10
WRONG_CREDENTIALS = 40
TOKEN_AUTH_UNSUPPORTED = 41
MECHANISM_UNSUPPORTED = 42
CONFLICTING_MECHANISMS = 43
INVALID_API_KEY = 44
NOT_AUTHORIZED = 50
NOT_FOUND = 70


class SubsonicError(Exception):
    """An error answered as {"status": "failed", "error": {code, message}}."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def missing(name):
    return SubsonicError(MISSING_PARAMETER, f"Required parameter is missing: {name}")


def not_found(what):
    return SubsonicError(NOT_FOUND, f"{what} not found")
