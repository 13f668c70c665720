"""Slowing password guessing: failed sign-ins counted per address and per account.

Counters live in MongoDB (every server process sees them) in fixed windows: one document
per (key, window), incremented atomically. FerretDB has no TTL index, so the window's end
is stored and old counters are swept by sweep_expired().
"""

import math
from datetime import UTC, datetime, timedelta

from flask import current_app
from pymongo import ASCENDING

from server.db import get_db, upsert_one
from server.errors import ApiError
from server.jsonutil import utcnow


def collection():
    return get_db().login_failures


def ensure_indexes(db):
    db.login_failures.create_index([("key", ASCENDING)], unique=True, name="login_failure_key")
    db.login_failures.create_index([("expires_at", ASCENDING)], name="login_failure_expiry")


def window_start(now, seconds):
    return datetime.fromtimestamp(now.timestamp() // seconds * seconds, UTC)


def counter_keys(address, account_key):
    """[(counter key, limit, window end)] for the current window."""
    config = current_app.config
    seconds = config["LOGIN_FAILURE_WINDOW_SECONDS"]
    start = window_start(utcnow(), seconds)
    end = start + timedelta(seconds=seconds)
    stamp = int(start.timestamp())
    return [
        (f"addr:{address}:{stamp}", config["LOGIN_MAX_FAILURES_PER_ADDRESS"], end),
        (f"user:{account_key}:{stamp}", config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], end),
    ]


def check(address, account_key):
    """429 with Retry-After when the address or the account used up its failures."""
    keys = counter_keys(address, account_key)
    counts = {doc["key"]: doc["count"] for doc in
              collection().find({"key": {"$in": [key for key, _, _ in keys]}})}
    for key, limit, end in keys:
        if counts.get(key, 0) >= limit:
            wait = max(1, math.ceil((end - utcnow()).total_seconds()))
            raise ApiError(429, "too_many_attempts",
                           "Too many failed sign-ins; wait before trying again",
                           {"retry_after": wait}, headers={"Retry-After": str(wait)})


def record_failure(address, account_key):
    for key, _, end in counter_keys(address, account_key):
        upsert_one(collection(), {"key": key},
                   {"$inc": {"count": 1}, "$setOnInsert": {"expires_at": end}})


def clear_account(account_key):
    """Forget the account's failures after a successful sign-in."""
    key, _, _ = counter_keys("-", account_key)[1]
    collection().delete_one({"key": key})


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
