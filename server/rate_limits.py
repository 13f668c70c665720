"""Limits per key over a window that hold under bursts: record first, then decide.

Each counted event takes a numbered slot (server.slots) in the key's current window: a
unique insert, so a burst of 100 at a limit of 5 lets exactly 5 through, on FerretDB too.
Windows are fixed buckets, smoothed by counting the previous bucket in proportion to how
much of it still lies within the last window (a sliding-window estimate). Every read and
write is by _id (a bucket's highest slot is kept in its head, server.slots). Refused events
take no slot, so they do not extend the block; an event that must not count after all
(a sign-in that turned out right) releases its slot.
FerretDB has no TTL index, so slots carry expires_at and are swept by sweep_expired().
"""

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ASCENDING

from server import slots
from server.db import get_db
from server.errors import ApiError
from server.jsonutil import utcnow


def collection():
    return get_db().rate_slots


def ensure_indexes(db):
    db.rate_slots.create_index([("expires_at", ASCENDING)], name="rate_slot_expiry")
    db.slot_heads.create_index([("expires_at", ASCENDING)], name="slot_head_expiry")


def now_seconds():
    return time.time()


@dataclass(frozen=True)
class Limit:
    """At most `allowed` events of `key` per `window` seconds."""

    key: str
    allowed: int
    window: int

    def prefix(self, bucket):
        return f"{self.key}|{self.window}|{bucket}"


@dataclass(frozen=True)
class Taken:
    """A slot an event holds, to release it if the event must not count."""

    prefix: str
    number: int


def capacity(limit, previous, fraction):
    """Slots free in this bucket: the limit less the previous bucket's share still in window."""
    return max(0, math.floor(limit.allowed - previous * (1 - fraction) + 1e-9))


def wait_seconds(limit, current, previous, fraction):
    """Seconds until one more event fits, when `current` slots of this bucket are taken."""
    if current + 1 <= limit.allowed and previous:
        # Fits in this bucket once enough of the previous one has faded out.
        fits_at = 1 - (limit.allowed - current - 1) / previous
        return max(1, math.ceil((fits_at - fraction) * limit.window))
    # Fits in the next bucket, where this one becomes the previous.
    fits_at = max(0, 1 - (limit.allowed - 1) / current) if current else 0
    # The estimate may hold a little past one window; a client asking again then is told
    # the small remainder.
    return max(1, min(limit.window, math.ceil((1 - fraction + fits_at) * limit.window)))


def take(limit):
    """Count one event: its Taken slot, or the seconds to wait (an int) when over the limit."""
    now = now_seconds()
    bucket, offset = divmod(now, limit.window)
    bucket, fraction = int(bucket), offset / limit.window
    previous = slots.highest(collection(), limit.prefix(bucket - 1))
    room = capacity(limit, previous, fraction)
    expires = datetime.fromtimestamp((bucket + 2) * limit.window, UTC)
    prefix = limit.prefix(bucket)
    number = slots.claim_within(collection(), prefix, room, {"expires_at": expires})
    if number is not None and not still_fits(limit, bucket, number, fraction):
        slots.release(collection(), prefix, number)
        number = None
    if number is None:
        previous = slots.highest(collection(), limit.prefix(bucket - 1))
        return wait_seconds(limit, max(room, slots.highest(collection(), prefix)), previous,
                            fraction)
    return Taken(prefix, number)


def still_fits(limit, bucket, number, fraction):
    """Whether slot `number` of `bucket`, already inserted, is within the limit after all.

    At a bucket boundary a burst writes into both buckets at once: events still landing in
    the old bucket are not yet counted by those that read it to size the new one. Each
    event, once its slot is stored, reads the neighbouring bucket again; of two that race
    across the boundary, the one that stored last sees the other and gives its slot back.
    """
    previous = slots.highest(collection(), limit.prefix(bucket - 1))
    if number + previous * (1 - fraction) > limit.allowed + 1e-9:
        return False
    now_bucket, offset = divmod(now_seconds(), limit.window)
    if int(now_bucket) != bucket + 1:
        return True
    following = slots.highest(collection(), limit.prefix(bucket + 1))
    return number * (1 - offset / limit.window) + following <= limit.allowed + 1e-9


def take_all(limits, code, message):
    """Take a slot of every limit, in order; 429 `code` with Retry-After (and none kept) if over."""
    taken = []
    for limit in limits:
        result = take(limit)
        if isinstance(result, int):
            release(taken)
            raise ApiError(429, code, message, {"retry_after": result},
                           headers={"Retry-After": str(result)})
        taken.append(result)
    return taken


def release(taken):
    """Un-count events: their slots are free again."""
    for slot in taken:
        slots.release(collection(), slot.prefix, slot.number)


def forget(limit):
    """Forget every event of the limit's key in the window (small limits only)."""
    bucket = int(now_seconds() // limit.window)
    for prefix in (limit.prefix(bucket - 1), limit.prefix(bucket)):
        top = slots.highest(collection(), prefix)
        if top:
            for number in range(1, min(top, limit.allowed, slots.LINEAR_MAX) + 1):
                slots.release(collection(), prefix, number)
            slots.reset(collection(), prefix)


def sweep_expired():
    now = utcnow()
    slots.heads(collection()).delete_many({"expires_at": {"$lte": now}})
    return collection().delete_many({"expires_at": {"$lte": now}}).deleted_count
