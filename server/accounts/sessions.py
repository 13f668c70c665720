"""Signing up, in and out, and changing a password: users, tokens and login limits together."""

import functools

from server import signup_limits
from server.accounts import login_limits, tokens, users
from server.accounts.passwords import hash_password, verify_password
from server.errors import ApiError, ValidationError
from server.households.access import household_of
from server.realtime import revocation

BAD_CREDENTIALS = "Wrong username or password"


@functools.cache
def dummy_hash():
    """A hash to check against when the user is unknown, so both cases take as long."""
    return hash_password("no-such-user-placeholder")


def account_key(username):
    return users.username_key(username)[:64]


def register(username, password, nickname, address):
    """Create the account and sign it in: (user, raw token); 429 after too many from address.

    Malformed sign-ups cost nothing; a taken name counts like a success (names are probed).
    """
    users.check_new_user(username, password, nickname)
    taken = signup_limits.take("register", address)
    try:
        user = users.create_user(username, password, nickname=nickname)
    except ValidationError:
        signup_limits.release(taken)
        raise
    household_of(user)  # the first user of a household founds it
    return user, tokens.issue_token(user["_id"])


def login(username, password, address):
    """(user, raw token) for the right password; 401 otherwise, 429 after too many failures."""
    problems = {name: "must be a string" for name, value in
                (("username", username), ("password", password)) if not isinstance(value, str)}
    if problems:
        raise ValidationError(problems)
    key = account_key(username)
    taken = login_limits.attempt(address, key)
    user = users.find_by_username(username)
    stored = user["password_hash"] if user else dummy_hash()
    if not verify_password(stored, password) or user is None:
        raise ApiError(401, "invalid_credentials", BAD_CREDENTIALS)
    login_limits.succeeded(taken, address, key)
    return user, tokens.issue_token(user["_id"])


def change_password(user, current_password, new_password, keep_token, address):
    """Set a new password after checking the current one; every other token is revoked."""
    if not isinstance(current_password, str):
        raise ValidationError({"current_password": "required to change the password"})
    key = account_key(user["username"])
    # The caller holds a session of the account: only the pair and address limits apply.
    taken = login_limits.attempt(address, key, trusted=True)
    if not verify_password(user["password_hash"], current_password):
        raise ValidationError({"current_password": "is incorrect"})
    login_limits.succeeded(taken, address, key)
    updated = users.set_password(user, new_password)
    tokens.revoke_all(user["_id"], keep_raw=keep_token)
    revocation.user_signed_out(user["_id"], keep_raw=keep_token)
    return updated
