"""The catalogue cut down to what an import looks up, stored beside each snapshot.

An import asks only: which track came from this source path (with its audio hash, size and
mtime), which track has this audio, and how is this category spelled. Loading the whole
catalogue for that (300 MB of pages at 100,000 tracks: search index, sort indexes, the
documents) cost a CLI import 1.8-2.1 s of a 4 s run while its workers wanted the same two
cores. So every snapshot also stores this cut (snapshots.py, the head's "index"): one row
per track, its tables named and shaped as the catalogue's, so server.library.import_index
asks either the same questions. An import reads the cut and applies the journal entries
after its slot, as a catalogue would, but only the fields the cut holds.
"""

import hashlib
import sqlite3

from server.library import search
from server.library.catalogue import rows, schema

SCHEMA = """
CREATE TABLE tracks (
    id TEXT PRIMARY KEY, source_path TEXT, content_hash TEXT, size INTEGER,
    source_mtime_ns INTEGER, category_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX by_source_path ON tracks (source_path);
CREATE INDEX by_content_hash ON tracks (content_hash);
CREATE TABLE categories (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, count INTEGER NOT NULL
) WITHOUT ROWID;
"""
COLUMNS = "id, source_path, content_hash, size, source_mtime_ns, category_key"
VERSION = hashlib.sha256((SCHEMA + schema.VERSION).encode()).hexdigest()[:16]
UPSERT = f"INSERT OR REPLACE INTO tracks ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"


def _connect():
    # Loaded in the import's loader thread, asked in its main thread.
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


def cut(catalogue_image):
    """The bytes of the cut of a catalogue image (a snapshot's, as schema.restore takes)."""
    conn = _connect()
    try:
        conn.executescript(SCHEMA)
        conn.execute("ATTACH DATABASE ':memory:' AS catalogue")
        conn.deserialize(catalogue_image, name="catalogue")  # a copy, gone when closed
        with schema.transaction(conn):
            conn.execute(f"INSERT INTO tracks ({COLUMNS}) SELECT {COLUMNS} "
                         "FROM catalogue.tracks")
            conn.execute("INSERT INTO categories SELECT key, name, count "
                         "FROM catalogue.categories")
        conn.execute("DETACH DATABASE catalogue")
        return conn.serialize()
    finally:
        conn.close()


def restore(image):
    """A connection to a cut, from its bytes."""
    conn = _connect()
    conn.deserialize(image)
    return conn


def apply(conn, entry):
    """One journal entry, as far as the cut holds: tracks added, changed or removed."""
    with schema.transaction(conn):
        if entry["kind"] == "upsert":
            for doc in entry["docs"]:
                _remove(conn, str(doc["_id"]))
                key = search.normalise(doc.get("category"))
                conn.execute(UPSERT, (str(doc["_id"]), doc.get("source_path"),
                                      doc.get("content_hash"), doc.get("size"),
                                      doc.get("source_mtime_ns"), key))
                rows.count_category(conn, key, doc.get("category"), +1)
        elif entry["kind"] == "delete":
            for track_id in entry["ids"]:
                _remove(conn, str(track_id))


def _remove(conn, track_id):
    row = conn.execute("SELECT category_key FROM tracks WHERE id = ?", (track_id,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM tracks WHERE id = ?", (track_id,))
        rows.count_category(conn, row[0], None, -1)

