"""Building a catalogue from the tracks collection (at start, or when far behind)."""

import time

from server.library.catalogue import journal, rows, schema

BATCH = 2000  # documents per SQLite batch; the event loop runs between batches


def build(db, epoch, last):
    """(connection, plays of tracks not listed) for the library as of journal slot `last`.

    Documents are read after `last` was, so each is at least as new as slot `last`;
    the caller then applies every slot after `last` (upserts repeat harmlessly, and the
    plays after `last` are not counted here).
    """
    plays = journal.plays_up_to(db, epoch, last)
    conn = schema.connect()
    batch, next_rowid, seen = [], 1, set()
    for doc in db.tracks.find({}, batch_size=BATCH):
        batch.append(doc)
        if len(batch) == BATCH:
            next_rowid = _add(conn, batch, plays, next_rowid, seen)
            batch = []
    _add(conn, batch, plays, next_rowid, seen)
    pending = {track_id: n for track_id, n in plays.items() if track_id not in seen}
    return conn, pending


def _add(conn, batch, plays, next_rowid, seen):
    seen.update(doc["_id"] for doc in batch)
    next_rowid = rows.load(conn, batch, plays, next_rowid)
    time.sleep(0)  # gevent-patched when serving: let other requests run
    return next_rowid
