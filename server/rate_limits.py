"""Sliding-window limits per key: failed sign-ins, sign-ups and receiver registrations.

Each counted event is one inserted document (inserts are atomic on FerretDB too, where a
racing $inc loses counts), counted over a sliding window. FerretDB has no TTL index, so the
events carry expires_at and are swept by sweep_expired().
"""

import math
from datetime import timedelta

from pymongo import ASCENDING

from server.db import get_db
from server.errors import ApiError
from server.jsonutil import utcnow


def collection():
    return get_db().rate_events


def ensure_indexes(db):
    db.rate_events.create_index([("key", ASCENDING), ("at", ASCENDING)], name="rate_event_key_time")
    db.rate_events.create_index([("expires_at", ASCENDING)], name="rate_event_expiry")


def seconds_blocked(key, limit, window_seconds, now):
    """How long the key stays at its limit (0 when it is under it)."""
    window = timedelta(seconds=window_seconds)
    query = {"key": key, "at": {"$gt": now - window}}
    count = collection().count_documents(query)
    if count < limit:
        return 0
    # The block lifts when enough of the oldest events leave the window.
    freeing = next(collection().find(query).sort("at", ASCENDING).skip(count - limit).limit(1))
    return max(1, math.ceil((freeing["at"] + window - now).total_seconds()))


def check(limits, code, message):
    """429 `code` with Retry-After when any (key, limit, window seconds) is used up."""
    now = utcnow()
    for key, limit, window_seconds in limits:
        wait = seconds_blocked(key, limit, window_seconds, now)
        if wait:
            raise ApiError(429, code, message, {"retry_after": wait},
                           headers={"Retry-After": str(wait)})


def record(limits):
    """Count one event against each (key, limit, window seconds)."""
    now = utcnow()
    collection().insert_many([{"key": key, "at": now,
                               "expires_at": now + timedelta(seconds=window_seconds)}
                              for key, _, window_seconds in limits])


def clear(key):
    collection().delete_many({"key": key})


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
