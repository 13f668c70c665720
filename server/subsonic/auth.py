"""Who is calling /rest/: an API key, u + p (plain or enc:hex), or HTTP Basic.

Token authentication (t + s, an MD5 of the password and a salt) needs the plaintext
password, which Tapcast never stores: it is answered with 41 (README, "Subsonic").
Every failed password counts against the sign-in limits of server.accounts.login_limits.
Clients send the password with every call, so a right one is remembered for a while in
this process (keyed by an HMAC with a key of this process, and only while the user's
password hash is unchanged), so that scrypt runs once, not once per song.
"""

import hashlib
import hmac
import secrets
import time

from flask import request

from server.accounts import login_limits, sessions, users
from server.accounts.passwords import verify_password
from server.errors import ApiError
from server.subsonic import keys
from server.subsonic.errors import (
    CONFLICTING_MECHANISMS,
    INVALID_API_KEY,
    TOKEN_AUTH_UNSUPPORTED,
    WRONG_CREDENTIALS,
    SubsonicError,
    missing,
)

REMEMBER_SECONDS = 600
REMEMBERED_MAX = 10_000
_process_key = secrets.token_bytes(32)
_remembered = {}  # HMAC of (username key, password) -> (user id, password hash, until)


def address():
    return request.remote_addr or "unknown"


def decode_password(raw):
    """The password of a `p` parameter: plain, or "enc:" and its UTF-8 bytes in hex."""
    if raw[:4].lower() != "enc:":
        return raw
    try:
        return bytes.fromhex(raw[4:]).decode("utf-8")
    except ValueError:
        raise SubsonicError(WRONG_CREDENTIALS, "Wrong username or password") from None


def authenticate(params):
    """The calling user's document; SubsonicError otherwise."""
    api_key = params.get("apiKey")
    has_password = params.get("p") is not None
    has_token = params.get("t") is not None or params.get("s") is not None
    if api_key is not None:
        if params.get("u") is not None or has_password or has_token:
            raise SubsonicError(CONFLICTING_MECHANISMS,
                                "Send either apiKey or u with p, not both")
        return key_user(api_key)
    if has_token:
        raise SubsonicError(TOKEN_AUTH_UNSUPPORTED,
                            "Token authentication is not supported: Tapcast keeps no "
                            "plaintext passwords. Use an API key or the password (p)")
    if params.get("u") and has_password:
        return password_user(params.get("u"), decode_password(params.get("p")))
    basic = request.authorization
    if basic is not None and basic.type == "basic" and basic.username:
        return password_user(basic.username, basic.password or "")
    raise missing("apiKey, or u and p")


def key_user(raw_key):
    user_id = keys.user_id_for(raw_key)
    user = users.find_user(user_id) if user_id is not None else None
    if user is None:
        # Counted after the check: a key cannot be guessed, but a flood is still limited.
        limited(lambda: login_limits.attempt(address(), "subsonic-api-key", trusted=True))
        raise SubsonicError(INVALID_API_KEY, "The API key is unknown or has been revoked")
    return user


def limited(take):
    """Run a limit's take(); 40 with the wait when over it."""
    try:
        return take()
    except ApiError as error:
        wait = error.headers.get("Retry-After", "a while")
        raise SubsonicError(WRONG_CREDENTIALS,
                            f"Too many failed sign-ins; wait {wait} seconds") from None


def remembered_key(username, password):
    material = f"{users.username_key(username)}\0{password}".encode()
    return hmac.new(_process_key, material, hashlib.sha256).hexdigest()


def password_user(username, password):
    """The user whose name and password these are; 40 otherwise (counted against limits)."""
    if len(username) > 100 or len(password) > 1000:
        raise SubsonicError(WRONG_CREDENTIALS, "Wrong username or password")
    key = remembered_key(username, password)
    known = _remembered.get(key)
    if known and known[2] > time.monotonic():
        user = users.find_user(known[0])
        if user is not None and user["password_hash"] == known[1]:
            return user
    account = sessions.account_key(username)
    taken = limited(lambda: login_limits.attempt(address(), account))
    user = users.find_by_username(username)
    stored = user["password_hash"] if user else sessions.dummy_hash()
    if not verify_password(stored, password) or user is None:
        raise SubsonicError(WRONG_CREDENTIALS, "Wrong username or password")
    login_limits.succeeded(taken, address(), account)
    if len(_remembered) >= REMEMBERED_MAX:
        _remembered.clear()
    _remembered[key] = (user["_id"], user["password_hash"], time.monotonic() + REMEMBER_SECONDS)
    return user
