"""Snapshots of a catalogue in the database, so a starting process need not scan the library.

A snapshot as of journal slot S is a few chunk documents in `catalogue_snapshots`, each
{_id: "<epoch>:<S>:<k>", docs: [track JSON], plays: [count], played: [last play time or
null]} (parallel arrays: FerretDB
has no nested arrays), announced by library_state's "snapshot" document {epoch, seq,
chunks}, written only after every chunk is in place. A load reads them by `_id`, then
applies the journal after S like any other catalogue. Any chunk missing (a newer snapshot
replaced it meanwhile) means: load from the collection instead.
"""

import logging

from pymongo.errors import DuplicateKeyError

from server.db import upsert_one
from server.library.catalogue import offload

log = logging.getLogger(__name__)
HEAD_ID = "snapshot"
CHUNK = 2000  # tracks per chunk document (about 1 MB)
EVERY = 1000  # journal entries after which a process writes a newer snapshot


def ensure_indexes(db):
    """Chunks and the head are read by _id only."""


def chunk_id(epoch, seq, k):
    return f"{epoch}:{seq}:{k}"


def head(db):
    return db.library_state.find_one({"_id": HEAD_ID})


def is_due(db, epoch, seq):
    """Should a catalogue at (epoch, seq) write a snapshot now?"""
    current = head(db)
    return current is None or current["epoch"] != epoch or seq - current["seq"] >= EVERY


def _all_rows(conn):
    return conn.execute("SELECT doc, play_count, last_played FROM tracks ORDER BY rowid"
                        ).fetchall()


def capture(conn):
    """Every track's (JSON, play count); hold the catalogue's lock meanwhile (no entry may
    be applied halfway through)."""
    return offload.run(_all_rows, conn)


def write(db, rows, epoch, seq):
    """Store captured rows as the snapshot of (epoch, seq), announce it, drop the last one."""
    chunks = max(1, -(-len(rows) // CHUNK))
    for k in range(chunks):
        part = rows[k * CHUNK:(k + 1) * CHUNK]
        try:
            db.catalogue_snapshots.insert_one({"_id": chunk_id(epoch, seq, k),
                                               "docs": [doc for doc, _, _ in part],
                                               "plays": [plays for _, plays, _ in part],
                                               "played": [at for _, _, at in part]})
        except DuplicateKeyError:
            pass  # another process wrote this very snapshot: the same state
    previous = head(db)
    upsert_one(db.library_state, {"_id": HEAD_ID},
               {"$set": {"epoch": epoch, "seq": seq, "chunks": chunks}})
    if previous and (previous["epoch"], previous["seq"]) != (epoch, seq):
        for k in range(previous["chunks"]):
            db.catalogue_snapshots.delete_one(
                {"_id": chunk_id(previous["epoch"], previous["seq"], k)})
    log.info("catalogue snapshot written (epoch %s, entry %d, %d tracks)", epoch, seq, len(rows))


def read(db, epoch, not_before):
    """(seq, track JSON list, play counts, last play times) of this epoch's snapshot, or
    None when there is none as recent as slot `not_before` or a chunk is missing."""
    current = head(db)
    if current is None or current["epoch"] != epoch or current["seq"] < not_before:
        return None
    docs, plays, played = [], [], []
    for k in range(current["chunks"]):
        chunk = db.catalogue_snapshots.find_one({"_id": chunk_id(epoch, current["seq"], k)})
        if chunk is None:
            return None
        docs += chunk["docs"]
        plays += chunk["plays"]
        # Snapshots written before albums existed have no play times.
        played += chunk.get("played") or [None] * len(chunk["plays"])
    return current["seq"], docs, plays, played
