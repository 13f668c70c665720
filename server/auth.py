"""Who is calling: Bearer tokens, and the @login_required / @admin_required decorators."""

import functools

from flask import g, request

from server.accounts import tokens, users
from server.errors import ApiError


def bearer_token():
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def authenticate(raw_token):
    """The user a raw token belongs to; ApiError 401 with a precise code otherwise."""
    return authenticate_with_record(raw_token)[0]


def authenticate_with_record(raw_token):
    """(user, token record) for a raw token; ApiError 401 with a precise code otherwise."""
    record = tokens.lookup(raw_token)
    if record is None:
        raise ApiError(401, "invalid_token", "The token is unknown or has been revoked")
    if tokens.is_expired(record):
        raise ApiError(401, "token_expired", "The token has expired; sign in again")
    user = users.find_user(record["user_id"])
    if user is None:
        raise ApiError(401, "invalid_token", "The token's user no longer exists")
    return user, record


def current_user(optional=False):
    """The signed-in user (cached on g); None when optional and no token was sent."""
    if "user" not in g:
        raw = bearer_token()
        if raw is None:
            if optional:
                return None
            raise ApiError(401, "auth_required", "Sign in: send Authorization: Bearer <token>",
                           headers={"WWW-Authenticate": "Bearer"})
        g.user = authenticate(raw)
        g.token = raw
    return g.user


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        current_user()
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user().get("is_admin"):
            raise ApiError(403, "admin_required", "This action needs an administrator")
        return view(*args, **kwargs)

    return wrapped
