"""What an import needs to know about the library, read once and kept in memory.

Matching each file by a query would scan the collection per file on FerretDB (seconds each
at 100,000 tracks). So the importer reads source paths, content hashes, sizes, modification
times and category spellings in one read of this process's catalogue at the start (which
loads from its latest snapshot by `_id`, else from the collection), and records its own
additions as it goes.
"""

from dataclasses import dataclass

from bson import ObjectId

from server.library import search
from server.library.catalogue import state

# One pass over the catalogue's rows; json_extract reads the two fields it has no column for.
ROWS = """SELECT id, source_path, content_hash, json_extract(doc, '$.size'),
    json_extract(doc, '$.source_mtime_ns') FROM tracks"""


@dataclass
class Known:
    track_id: object
    content_hash: str
    size: int | None = None
    mtime_ns: int | None = None


class ImportIndex:
    def __init__(self):
        self.by_source = {}  # absolute source path -> Known
        self.by_hash = {}  # content hash -> track id
        self.categories = {}  # normalised category -> its spelling in the library

    @classmethod
    def load(cls):
        """The index of the whole library, from the catalogue (the CLI: collection-wide)."""
        index, conn = cls(), state.current()
        for track_id, source, digest, size, mtime_ns in conn.execute(ROWS):
            track_id = ObjectId(track_id)
            if digest:
                index.by_hash.setdefault(digest, track_id)
            if source:
                index.by_source[source] = Known(track_id, digest, size, mtime_ns)
        index.categories.update(conn.execute("SELECT key, name FROM categories"))
        return index

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
        known = self.by_source.get(source)
        return (known is not None and known.mtime_ns == stat.st_mtime_ns
                and known.size == stat.st_size)

    def canonical_category(self, name):
        """The spelling already used for this category (so "stories" joins "Stories")."""
        return self.categories.get(search.normalise(name), name)
