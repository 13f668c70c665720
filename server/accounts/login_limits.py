"""Slowing password guessing: failed sign-ins counted per address and per account."""

from flask import current_app

from server import rate_limits

MESSAGE = "Too many failed sign-ins; wait before trying again"


def limits(address, account_key):
    """[(counter key, failures allowed, window seconds)]."""
    config = current_app.config
    window = config["LOGIN_FAILURE_WINDOW_SECONDS"]
    return [(f"login-addr:{address}", config["LOGIN_MAX_FAILURES_PER_ADDRESS"], window),
            (f"login-user:{account_key}", config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], window)]


def check(address, account_key):
    """429 too_many_attempts with Retry-After when the address or account used up its failures."""
    rate_limits.check(limits(address, account_key), "too_many_attempts", MESSAGE)


def record_failure(address, account_key):
    rate_limits.record(limits(address, account_key))


def clear_account(account_key):
    """Forget the account's failures after a successful sign-in."""
    rate_limits.clear(f"login-user:{account_key}")
