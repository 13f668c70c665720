"""Revoked tokens reach their sockets: close them with 4401 in every process (via the broker).

A user who changes household keeps their token but loses the household's live data at
once: their sockets close with 4409, and the app reconnects into its new household.
"""

from flask import current_app

from server.realtime.connection import CLOSE_HOUSEHOLD_CHANGED, CLOSE_UNAUTHORIZED
from server.realtime.hub import get_hub, token_group, user_group


def token_revoked(raw_token):
    """Close every socket opened with this token (sign-out)."""
    get_hub(current_app).close_group(token_group(raw_token), CLOSE_UNAUTHORIZED, "signed out")


def user_signed_out(user_id, keep_raw=None):
    """Close every app socket of the user except those of the token keep_raw (password change)."""
    keep = token_group(keep_raw) if keep_raw else None
    get_hub(current_app).close_group(user_group(user_id), CLOSE_UNAUTHORIZED, "signed out",
                                     keep=keep)


def household_changed(user_id):
    """Close every app socket of the user (they joined, left or were removed from a household)."""
    get_hub(current_app).close_group(user_group(user_id), CLOSE_HOUSEHOLD_CHANGED,
                                     "household changed")
