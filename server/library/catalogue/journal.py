"""The library's change journal: entries addressed by `_id`, one sequence in library_state.

Every write to the tracks collection appends an entry (`upsert` with the documents, `delete`
with their ids, `play` with a track id) under `_id` "<epoch>:<n>", n = 1, 2, 3... An insert
under a unique `_id` is atomic on FerretDB and MongoDB alike, so racing appenders can never
take the same slot; the loser moves on to the next free one, and the slots stay contiguous.
library_state holds the epoch and `seq`, the last slot. FerretDB applies `$max` as
read-modify-write, so racing appenders could set it back: they raise it under one short
lock instead, a burst of one process together (server.gathered). Nothing ever looks up a
slot that may not exist, because on FerretDB a find by `_id` that misses scans the whole
collection (README, "Per-user data, reached by _id"); a taken slot is found by the insert
that collides with it. Readers need only library_state, then the entries up to `seq`. A
crash between an insert and the raise leaves `seq` one behind; the next appender collides
with that slot, takes the one after, and raises `seq` past both.

An upsert entry names its documents instead of holding them: they are stored first in
library_journal_docs (a payload under a new ObjectId, read by `_id`), then the entry. A
rebuild counts the plays by reading the journal with a filter, which FerretDB answers by
reading every entry whole; with the documents inline, the 200 entries of a 100,000-track
import made that read 200 MB and 20 s, past the database's timeout. A crash between the
payload and its entry leaves a payload no entry names, which nothing reads.

A new epoch starts when library_state is missing (a new or emptied database): processes
that knew the old one rebuild. Play entries are the record of plays themselves (a play is
one insert), so a rebuild counts them.
"""

import time

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from server import gathered, locks
from server.jsonutil import utcnow
from server.library.catalogue import notices

STATE_ID = "catalogue"
PAYLOADS = "library_journal_docs"  # upsert entries' documents, by the ObjectId the entry names
STATE_LOCK = "library-state"  # held while raising library_state's seq (see the docstring)
BATCH = 500  # documents per upsert entry (an entry stays far below 16 MB)
APPEND_TURN = "library-journal-append"  # the process-local queue of appenders
_last_taken = {}  # (database, epoch) -> the last slot this process inserted (epochs are new ids)


def ensure_indexes(db):
    """Entries and the state are read by _id only."""


def slot_id(epoch, n):
    return f"{epoch}:{n:012d}"


def read_state(db):
    """(epoch, seq) of the library, starting a new epoch when there is none."""
    doc = db.library_state.find_one({"_id": STATE_ID})
    if doc is None:
        try:
            db.library_state.insert_one({"_id": STATE_ID, "epoch": str(ObjectId()), "seq": 0})
        except DuplicateKeyError:
            pass  # another process started it first: use theirs
        doc = db.library_state.find_one({"_id": STATE_ID})
    return doc["epoch"], doc["seq"]


def entry(db, epoch, n):
    """Slot n with an upsert's documents under "docs"; None when the slot is empty or its
    documents are gone (both a hole: the reader rebuilds from the collection)."""
    found = db.library_journal.find_one({"_id": slot_id(epoch, n)})
    if found is None or "payload" not in found:
        return found  # also the entries written before payloads, with their "docs" inline
    payload = db[PAYLOADS].find_one({"_id": found["payload"]})
    return None if payload is None else {**found, "docs": payload["docs"]}


def append(db, kind, **data):
    """Append one entry; returns its slot number."""
    epoch, seq = read_state(db)
    # The appenders of one process insert one at a time, each after the last slot this
    # process took: a burst of N racing for slot seq + 1 would cost N^2 / 2 inserts. Other
    # processes' appenders still collide, and move on.
    key = (db.name, epoch)
    with locks.local_turn(f"{APPEND_TURN}|{db.name}", time.monotonic() + locks.WAIT_SECONDS):
        n = max(seq, _last_taken.get(key, 0)) + 1
        while True:
            try:
                db.library_journal.insert_one({"_id": slot_id(epoch, n), "kind": kind,
                                               "at": utcnow(), **data})
                break
            except DuplicateKeyError:
                n += 1  # a racing appender took it: the next one
        _last_taken[key] = n
    gathered.raise_to(f"{db.name}|{STATE_LOCK}|{epoch}", n,
                      lambda top, _fields: raise_seq(db, epoch, top))
    notices.wrote(epoch, n)
    return n


def raise_seq(db, epoch, n):
    with locks.held(STATE_LOCK, db=db):
        db.library_state.update_one({"_id": STATE_ID, "epoch": epoch}, {"$max": {"seq": n}})


def record_upserts(db, docs):
    """Journal inserted or changed track documents (whole, as written)."""
    for start in range(0, len(docs), BATCH):
        batch = docs[start:start + BATCH]
        payload = db[PAYLOADS].insert_one({"docs": batch}).inserted_id
        append(db, "upsert", payload=payload, count=len(batch))


def record_deletes(db, track_ids):
    append(db, "delete", ids=list(track_ids))


def record_play(db, track_id):
    append(db, "play", track_id=track_id)


def plays_up_to(db, epoch, last):
    """({track_id: plays}, {track_id: time of the last play}) of every play entry at or
    before slot `last` of this epoch.

    Entries of earlier epochs count too: an epoch restarts only when library_state was lost.
    """
    counts, latest = {}, {}
    for doc in db.library_journal.find({"kind": "play"}, {"track_id": 1, "at": 1}):
        slot_epoch, _, n = doc["_id"].partition(":")
        if slot_epoch != epoch or int(n) <= last:
            track_id = doc["track_id"]
            counts[track_id] = counts.get(track_id, 0) + 1
            if doc.get("at") and (track_id not in latest or doc["at"] > latest[track_id]):
                latest[track_id] = doc["at"]
    return counts, latest
