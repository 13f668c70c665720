"""Slowing password guessing: failed sign-ins counted per address and per account.

Each failure is one inserted document (inserts are atomic on FerretDB too, where a racing
$inc loses counts), counted over a sliding window. FerretDB has no TTL index, so the
failures carry expires_at and are swept by sweep_expired().
"""

import math
from datetime import timedelta

from flask import current_app
from pymongo import ASCENDING

from server.db import get_db
from server.errors import ApiError
from server.jsonutil import utcnow


def collection():
    return get_db().login_failures


def ensure_indexes(db):
    db.login_failures.create_index([("key", ASCENDING), ("at", ASCENDING)],
                                   name="login_failure_key_time")
    db.login_failures.create_index([("expires_at", ASCENDING)], name="login_failure_expiry")


def window():
    return timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW_SECONDS"])


def limits(address, account_key):
    """[(counter key, failures allowed per window)]."""
    config = current_app.config
    return [(f"addr:{address}", config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
            (f"user:{account_key}", config["LOGIN_MAX_FAILURES_PER_ACCOUNT"])]


def seconds_blocked(key, limit, now):
    """How long the key stays over its limit (0 when it is under it)."""
    query = {"key": key, "at": {"$gt": now - window()}}
    count = collection().count_documents(query)
    if count < limit:
        return 0
    # The block lifts when enough of the oldest failures leave the window.
    freeing = next(collection().find(query).sort("at", ASCENDING).skip(count - limit).limit(1))
    return max(1, math.ceil((freeing["at"] + window() - now).total_seconds()))


def check(address, account_key):
    """429 with Retry-After when the address or the account used up its failures."""
    now = utcnow()
    for key, limit in limits(address, account_key):
        wait = seconds_blocked(key, limit, now)
        if wait:
            raise ApiError(429, "too_many_attempts",
                           "Too many failed sign-ins; wait before trying again",
                           {"retry_after": wait}, headers={"Retry-After": str(wait)})


def record_failure(address, account_key):
    now = utcnow()
    collection().insert_many([{"key": key, "at": now, "expires_at": now + window()}
                              for key, _ in limits(address, account_key)])


def clear_account(account_key):
    """Forget the account's failures after a successful sign-in."""
    collection().delete_many({"key": f"user:{account_key}"})


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
