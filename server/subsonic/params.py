"""Reading a /rest/ call's parameters: query string and form body merged, repeated keys kept.

Malformed numbers answer 10, as a missing parameter does; sizes are capped at MAX_COUNT.
"""

from flask import request

from server.subsonic.errors import MISSING_PARAMETER, SubsonicError, missing

MAX_COUNT = 500
MAX_TEXT = 1000


class Params:
    """The merged parameters of the current request."""

    def __init__(self):
        # request.values merges args and a form body; a body of another type is ignored.
        self.values = request.values

    def get(self, name, default=None):
        value = self.values.get(name)
        if value is None:
            return default
        return value[:MAX_TEXT]

    def list(self, name):
        return [value[:MAX_TEXT] for value in self.values.getlist(name)]

    def required(self, name):
        value = self.get(name)
        if value is None or value == "":
            raise missing(name)
        return value

    def int(self, name, default=None, low=None, high=None, cap=None):
        """An integer parameter; 10 when malformed or outside [low, high]; capped at cap."""
        raw = self.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise SubsonicError(MISSING_PARAMETER, f"{name} must be an integer") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise SubsonicError(MISSING_PARAMETER, f"{name} is out of range")
        return min(value, cap) if cap is not None else value

    def required_int(self, name, low=None, high=None):
        value = self.int(name, low=low, high=high)
        if value is None:
            raise missing(name)
        return value

    def ints(self, name, low=0):
        """Every value of a repeated integer parameter; 10 when one is malformed."""
        try:
            values = [int(raw) for raw in self.list(name)]
        except ValueError:
            raise SubsonicError(MISSING_PARAMETER, f"{name} must be integers") from None
        if any(value < low for value in values):
            raise SubsonicError(MISSING_PARAMETER, f"{name} is out of range")
        return values

    def count(self, name, default):
        """A page size: at least 0, at most MAX_COUNT."""
        return self.int(name, default, low=0, cap=MAX_COUNT)

    def offset(self, name):
        return self.int(name, 0, low=0, high=10**9)

    def bool(self, name, default=False):
        raw = self.get(name)
        if raw is None or raw == "":
            return default
        return raw.strip().lower() in ("true", "1", "yes")
