"""A user's list as a journal: entries inserted by _id, folded into a state in each process.

Entry n of a user's list is the document `<kind>:<user id>:<n>` (numbers taken by unique
insert, server.slots), so writing is one insert and never races. Each process keeps the
folded state of the users it has served; a request reads only the entries it has not seen
(usually just the head of the journal, server.slots). Every SNAPSHOT_EVERY entries the writer also
inserts a snapshot of the folded state, so a process that meets the user cold reads the
latest snapshot and the few entries after it, never the whole history.
"""

import threading

import bson

from server import slots
from server.db import get_db

SNAPSHOT_EVERY = 200
CACHED_USERS = 10_000

_cache = {}  # (database name, kind, user id) -> (last entry folded, state)
_turns = {}  # the same key -> its lock (threading is gevent's when serving)
_guard = threading.Lock()


def turn(key):
    with _guard:
        if len(_turns) >= CACHED_USERS:
            _turns.clear()
            _cache.clear()
        return _turns.setdefault(key, threading.Lock())


def entries():
    return get_db().personal_entries


def snapshots():
    return get_db().personal_snapshots


class Journal:
    """One kind of per-user list: fold(state, entry) applies an entry; dump/load (de)serialise."""

    def __init__(self, kind, empty, fold, dump, load):
        self.kind, self.empty, self.fold, self.dump, self.load = kind, empty, fold, dump, load

    def prefix(self, user_id):
        return f"{self.kind}:{user_id}"

    def cold(self, user_id, top):
        """(last entry folded, state) from the latest snapshot (or nothing), of top entries."""
        prefix = self.prefix(user_id)
        # Before the first snapshot's turn there is none: not looking spares a missing head.
        latest = slots.highest(snapshots(), prefix) if top >= SNAPSHOT_EVERY else 0
        if not latest:
            return 0, self.empty()
        doc = snapshots().find_one({"_id": slots.slot_id(prefix, latest)})
        return doc["upto"], self.load(doc["state"])

    def state(self, user_id):
        """The user's current state: shared and folded in place, so a caller copies what it
        keeps before its next database call."""
        key = (get_db().name, self.kind, user_id)
        prefix = self.prefix(user_id)
        with turn(key):  # one catch-up per user at a time: entries are folded once, in order
            top = slots.highest(entries(), prefix)
            seen, state = _cache.get(key) or self.cold(user_id, top)
            # Only entries up to the head exist for sure: a find that misses scans them all.
            for number in range(seen + 1, top + 1):
                doc = entries().find_one({"_id": slots.slot_id(prefix, number)})
                if doc is None:
                    break
                state = self.fold(state, doc)
                seen = number
            _cache[key] = (seen, state)
        return state

    def append(self, user_id, entry):
        """Add an entry (one insert); returns the user's state with it folded in."""
        prefix = self.prefix(user_id)
        key = (get_db().name, self.kind, user_id)
        hint = _cache.get(key, (0, None))[0]
        number = slots.claim_next(entries(), prefix, entry, hint)
        with turn(key):
            seen, state = _cache.get(key, (None, None))
            if seen == number - 1:
                # Fold our own entry: reading back a new document scans the whole collection
                # on FerretDB v1 (its _id lookups are scans that stop at the first match).
                stored = bson.decode(bson.encode({"_id": slots.slot_id(prefix, number), **entry}),
                                     entries().codec_options)  # as read back: ms, tz-aware
                _cache[key] = (number, self.fold(state, stored))
        state = self.state(user_id)
        if number % SNAPSHOT_EVERY == 0:
            self.snapshot(user_id, number)
        return state

    def snapshot(self, user_id, upto):
        """Insert the folded state up to entry `upto` as the user's next snapshot."""
        prefix = self.prefix(user_id)
        key = (get_db().name, self.kind, user_id)
        with turn(key):
            seen, state = _cache.get(key, (None, None))
            if seen == upto:  # this process has folded exactly those: no reading back
                return self.store_snapshot(prefix, upto, state)
        seen, state = self.cold(user_id, upto)
        for number in range(seen + 1, upto + 1):
            doc = entries().find_one({"_id": slots.slot_id(prefix, number)})
            state = self.fold(state, doc)
        self.store_snapshot(prefix, upto, state)

    def store_snapshot(self, prefix, upto, state):
        slots.claim_next(snapshots(), prefix, {"upto": upto, "state": self.dump(state)})
