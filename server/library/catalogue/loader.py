"""Building a catalogue: from the latest snapshot when there is one, else the collection."""

import json

from server.jsonutil import iso
from server.library.catalogue import journal, offload, rows, schema, snapshots

BATCH = 2000  # documents per SQLite batch, built in a pool thread (see offload)
SNAPSHOT_LAG = 5000  # journal entries a snapshot may be behind and still be used


def build(db, epoch, last, scan=False):
    """(connection, plays of tracks not listed, slot it is as of) for the library.

    The caller then applies every journal slot after the one returned.
    """
    snapshot = None if scan else snapshots.read(db, epoch, last - SNAPSHOT_LAG)
    if snapshot is not None:
        seq, texts, plays, played = snapshot
        return from_snapshot(texts, plays, played), {}, seq
    return (*from_collection(db, epoch, last), last)


def from_snapshot(texts, plays, played):
    conn = schema.connect()
    for start in range(0, len(texts), BATCH):
        offload.run(_load_texts, conn, texts[start:start + BATCH],
                    plays[start:start + BATCH], start + 1)
    rows.set_last_played(conn, {rowid: at for rowid, at in enumerate(played, start=1) if at})
    offload.run(schema.finish, conn)
    return conn


def _load_texts(conn, texts, plays, first_rowid):
    items = [(json.loads(text), text, count) for text, count in zip(texts, plays, strict=True)]
    rows.load(conn, items, first_rowid)


def from_collection(db, epoch, last):
    """(connection, plays of tracks not listed) as of journal slot `last`.

    Documents are read after `last` was, so each is at least as new as slot `last`; the
    entries after it are applied by the caller (upserts repeat harmlessly, and the plays
    after `last` are not counted here).
    """
    plays, latest = journal.plays_up_to(db, epoch, last)
    conn = schema.connect()
    batch, next_rowid, seen = [], 1, set()
    for doc in db.tracks.find({}, batch_size=BATCH):
        batch.append(doc)
        if len(batch) == BATCH:
            next_rowid = _add(conn, batch, plays, next_rowid, seen)
            batch = []
    _add(conn, batch, plays, next_rowid, seen)
    rows.set_last_played(conn, {track_id: iso(at) for track_id, at in latest.items()
                                if track_id in seen})
    offload.run(schema.finish, conn)
    pending = {track_id: n for track_id, n in plays.items() if track_id not in seen}
    return conn, pending


def _add(conn, batch, plays, next_rowid, seen):
    seen.update(doc["_id"] for doc in batch)
    items = [(doc, None, rows.base_plays(doc) + plays.get(doc["_id"], 0)) for doc in batch]
    return offload.run(rows.load, conn, items, next_rowid)
