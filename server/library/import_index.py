"""What an import needs to know about the library: looked up per file, never read whole.

Matching each file by a query would scan the collection per file on FerretDB (seconds each
at 100,000 tracks). So the importer asks an index: a file's source path and its content
hash are each one lookup (by_source_path, by_content_hash), so an import's cost does not
grow with the library. The index is this process's catalogue when it has one loaded, else
the cut for imports that the latest snapshot holds (catalogue/import_image.py: a tenth of
the catalogue to read), else the catalogue, loaded for the import. Category spellings are
read once (a few rows). The tracks this import adds or updates are remembered here as it
goes, ahead of the index, which learns of them only when their batch is written (or never,
for the cut, which is this import's own).
"""

import contextlib
import logging
import time
from dataclasses import dataclass

from bson import ObjectId
from flask import current_app

from server.db import get_db
from server.library import search
from server.library.catalogue import import_image, journal, loader, snapshots, state

BY_SOURCE = """SELECT id, content_hash, size, source_mtime_ns FROM tracks
    WHERE source_path = ? LIMIT 1"""
BY_HASH = "SELECT id FROM tracks WHERE content_hash = ? LIMIT 1"
LOAD_WAIT_SECONDS = 3600
log = logging.getLogger(__name__)


@dataclass
class Known:
    track_id: object
    content_hash: str
    size: int | None = None
    mtime_ns: int | None = None


class ImportIndex:
    def __init__(self, conn=None, guard=None):
        self.conn = conn  # the catalogue as the import began (None: an empty library)
        # Held around every use of the catalogue's connection, which the batch writer's
        # thread uses too (server.library.import_batch): sqlite3 calls back into Python for
        # the catalogue's SQL functions while holding the connection's mutex, and a thread
        # holding the GIL that waits for that mutex deadlocks both (seen at 100,000 tracks).
        self.guard = guard or contextlib.nullcontext()
        self.by_source = {}  # absolute source path -> Known, of this import's own tracks
        self.by_hash = {}  # content hash -> track id, of this import's own tracks
        self.categories = {}  # normalised category -> its spelling in the library

    @classmethod
    def load(cls, guard=None):
        """The index of the whole library (however long it takes to load: an import has no
        client waiting for an answer)."""
        started = time.monotonic()
        catalogue = state.of(current_app)
        conn = None if catalogue.conn is not None else load_cut(get_db())
        index = cls(conn or state.current(exact=True, wait=LOAD_WAIT_SECONDS), guard)
        with index.guard:
            index.categories.update(index.conn.execute("SELECT key, name FROM categories"))
        log.info("import index loaded in %.2fs (%s)", time.monotonic() - started,
                 "the snapshot's cut" if conn else "the catalogue")
        return index

    def source(self, path):
        """The Known track imported from this absolute path, or None."""
        known = self.by_source.get(path)
        if known is None and self.conn is not None:
            with self.guard:
                row = self.conn.execute(BY_SOURCE, (path,)).fetchone()
            if row is not None:
                known = Known(ObjectId(row[0]), *row[1:])
        return known

    def same_audio(self, digest):
        """The id of a track with this audio, or None."""
        track_id = self.by_hash.get(digest)
        if track_id is None and self.conn is not None:
            with self.guard:
                row = self.conn.execute(BY_HASH, (digest,)).fetchone()
            track_id = row and ObjectId(row[0])
        return track_id

    def record(self, track_id, doc):
        """Remember a track this import added or updated: its path, its audio, its category."""
        if doc.get("content_hash"):
            self.by_hash.setdefault(doc["content_hash"], track_id)
        if doc.get("source_path"):
            self.by_source[doc["source_path"]] = Known(track_id, doc.get("content_hash"),
                                                       doc.get("size"),
                                                       doc.get("source_mtime_ns"))
        if doc.get("category"):
            self.categories.setdefault(search.normalise(doc["category"]), doc["category"])

    def unchanged(self, source, stat):
        """Whether the file at source is the one imported before (same size and mtime)."""
        known = self.source(source)
        return (known is not None and known.mtime_ns == stat.st_mtime_ns
                and known.size == stat.st_size)

    def canonical_category(self, name):
        """The spelling already used for this category (so "stories" joins "Stories")."""
        return self.categories.get(search.normalise(name), name)


def load_cut(db):
    """The latest snapshot's cut for imports, brought up to date with the journal; None when
    there is no recent one of this schema, or the journal has a hole since."""
    epoch, last = journal.read_state(db)
    found = snapshots.read(db, epoch, last - loader.SNAPSHOT_LAG, part=snapshots.INDEX)
    if found is None:
        return None
    seq, image = found
    conn = import_image.restore(image)
    for n in range(seq + 1, last + 1):
        entry = journal.entry(db, epoch, n)
        if entry is None:
            return None
        import_image.apply(conn, entry)
    return conn
