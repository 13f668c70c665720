"""Slowing password guessing without locking the owner out.

Every attempt is counted before the password is checked (so a burst cannot outrun the
count), and released again when the password was right. Failures are limited per (account,
address) pair and per address; a slower back-off per account stops guessing from many
addresses, but spares the addresses the account has signed in from before, so the owner's
own address keeps working.
"""

from flask import current_app
from pymongo.errors import DuplicateKeyError

from server import rate_limits
from server.db import get_db

MESSAGE = "Too many failed sign-ins; wait before trying again"


def known_addresses():
    return get_db().login_addresses


def known_id(account_key, address):
    return f"{account_key}|{address}"


def is_known(account_key, address):
    """True when the account has signed in successfully from this address before."""
    return known_addresses().find_one({"_id": known_id(account_key, address)}) is not None


def remember(account_key, address):
    try:
        known_addresses().insert_one({"_id": known_id(account_key, address)})
    except DuplicateKeyError:
        pass


def limits(address, account_key, trusted):
    """The Limits an attempt counts against (the account-wide one only from a new address)."""
    config = current_app.config
    window = config["LOGIN_FAILURE_WINDOW_SECONDS"]
    chosen = [
        rate_limits.Limit(f"login-pair:{account_key}|{address}",
                          config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], window),
        rate_limits.Limit(f"login-addr:{address}", config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
                          window),
    ]
    if not trusted:
        chosen.append(rate_limits.Limit(f"login-user:{account_key}",
                                        config["LOGIN_ACCOUNT_BACKOFF_FAILURES"],
                                        config["LOGIN_ACCOUNT_BACKOFF_WINDOW_SECONDS"]))
    return chosen


def attempt(address, account_key, trusted=None):
    """Count a password attempt before checking it; 429 too_many_attempts when over.

    trusted: the caller is known to be the owner (signed in already); None: look it up.
    """
    if trusted is None:
        trusted = is_known(account_key, address)
    return rate_limits.take_all(limits(address, account_key, trusted), "too_many_attempts",
                                MESSAGE)


def succeeded(taken, address, account_key):
    """The password was right: the pair's failures are forgotten, the address is the owner's."""
    rate_limits.release(taken)
    rate_limits.forget(limits(address, account_key, trusted=True)[0])
    remember(account_key, address)
