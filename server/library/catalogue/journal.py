"""The library's change journal: entries addressed by `_id`, one sequence in library_state.

Every write to the tracks collection appends an entry (`upsert` with the documents, `delete`
with their ids, `play` with a track id) under `_id` "<epoch>:<n>", n = 1, 2, 3... An insert
under a unique `_id` is atomic on FerretDB and MongoDB alike, so racing appenders can never
take the same slot; the loser moves on to the next free one, and the slots stay contiguous.
library_state holds the epoch and `seq`, the last slot. FerretDB applies `$max` as
read-modify-write, so a racing appender can set it back; every appender therefore checks
after its own update that no slot follows `seq`, and moves it on if one does. Once the
appenders are done, `seq` is the last slot, and readers need only that one document.

A new epoch starts when library_state is missing (a new or emptied database): processes
that knew the old one rebuild. Play entries are the record of plays themselves (a play is
one insert), so a rebuild counts them.
"""

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from server.jsonutil import utcnow

STATE_ID = "catalogue"
BATCH = 500  # documents per upsert entry (an entry stays far below 16 MB)


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
    return db.library_journal.find_one({"_id": slot_id(epoch, n)})


def _taken(db, epoch, n):
    return db.library_journal.find_one({"_id": slot_id(epoch, n)}, {"_id": 1}) is not None


def first_free_slot(db, epoch, start):
    """The first slot from start that is still free (slots fill contiguously)."""
    if not _taken(db, epoch, start):
        return start
    low, step = start, 1  # low is taken; gallop to a free slot, then halve back
    while _taken(db, epoch, low + step):
        low, step = low + step, step * 2
    high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _taken(db, epoch, middle) else (low, middle)
    return high


def append(db, kind, **data):
    """Append one entry; returns its slot number."""
    epoch, seq = read_state(db)
    n = seq + 1
    while True:
        try:
            db.library_journal.insert_one({"_id": slot_id(epoch, n), "kind": kind,
                                           "at": utcnow(), **data})
            break
        except DuplicateKeyError:
            n = first_free_slot(db, epoch, n + 1)
    db.library_state.update_one({"_id": STATE_ID, "epoch": epoch}, {"$max": {"seq": n}})
    settle_seq(db, epoch)
    return n


def settle_seq(db, epoch):
    """Move `seq` to the last slot if a racing update left it behind (see the docstring)."""
    while True:
        doc = db.library_state.find_one({"_id": STATE_ID})
        if doc is None or doc["epoch"] != epoch or not _taken(db, epoch, doc["seq"] + 1):
            return
        last = first_free_slot(db, epoch, doc["seq"] + 1) - 1
        db.library_state.update_one({"_id": STATE_ID, "epoch": epoch}, {"$max": {"seq": last}})


def record_upserts(db, docs):
    """Journal inserted or changed track documents (whole, as written)."""
    for start in range(0, len(docs), BATCH):
        append(db, "upsert", docs=docs[start:start + BATCH])


def record_deletes(db, track_ids):
    append(db, "delete", ids=list(track_ids))


def record_play(db, track_id):
    append(db, "play", track_id=track_id)


def plays_up_to(db, epoch, last):
    """{track_id: plays} of every play entry at or before slot `last` of this epoch.

    Entries of earlier epochs count too: an epoch restarts only when library_state was lost.
    """
    counts = {}
    for doc in db.library_journal.find({"kind": "play"}, {"track_id": 1}):
        slot_epoch, _, n = doc["_id"].partition(":")
        if slot_epoch != epoch or int(n) <= last:
            counts[doc["track_id"]] = counts.get(doc["track_id"], 0) + 1
    return counts
