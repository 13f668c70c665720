"""The catalogue's SQLite schema: one row per track, FTS5 for search, an index per sort."""

import contextlib
import hashlib
import sqlite3
from collections import OrderedDict

from server.library.catalogue import derived

SCHEMA = """
CREATE TABLE tracks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title_key TEXT NOT NULL,
    category_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    play_count INTEGER NOT NULL,
    content_hash TEXT,
    cover_hash TEXT,
    source_path TEXT,
    album_id TEXT,
    album TEXT,
    album_artist TEXT,
    album_artist_id TEXT,
    artist TEXT,
    artist_id TEXT,
    disc INTEGER,
    track_no INTEGER,
    year INTEGER,
    duration REAL NOT NULL,
    last_played TEXT,
    -- What a rescan compares each file with (scanner.KNOWN); SQLite 3.40 parses the JSON
    -- again for each json_extract, which made five parses per track per rescan.
    source_folder TEXT,
    size INTEGER,
    source_mtime_ns INTEGER,
    missing INTEGER,
    folder_cover TEXT,
    doc TEXT NOT NULL
);
CREATE TABLE track_genres (
    key TEXT NOT NULL, track_rowid INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (key, track_rowid)
) WITHOUT ROWID;
CREATE INDEX genres_of_track ON track_genres (track_rowid);
-- Derived from the track rows (derived.py): one row per album, artist and genre.
CREATE TABLE albums (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, title_key TEXT NOT NULL,
    artist TEXT, artist_id TEXT, artist_key TEXT NOT NULL, year INTEGER,
    track_count INTEGER NOT NULL, disc_count INTEGER NOT NULL, duration REAL NOT NULL,
    created_at TEXT NOT NULL, play_count INTEGER NOT NULL, last_played TEXT,
    cover_track_id TEXT, search_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX albums_title ON albums (title_key, id);
CREATE INDEX albums_artist ON albums (artist_key, year, title_key, id);
CREATE INDEX albums_year ON albums (year, title_key, id);
CREATE INDEX albums_newest ON albums (created_at DESC, id);
CREATE INDEX albums_played ON albums (last_played DESC, id);
CREATE INDEX albums_popular ON albums (play_count DESC, title_key, id);
CREATE INDEX albums_by_artist ON albums (artist_id, year, title_key);
CREATE TABLE album_genres (
    key TEXT NOT NULL, album_id TEXT NOT NULL, PRIMARY KEY (key, album_id)
) WITHOUT ROWID;
CREATE INDEX genres_of_album ON album_genres (album_id);
CREATE TABLE artists (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL,
    album_count INTEGER NOT NULL, track_count INTEGER NOT NULL, play_count INTEGER NOT NULL,
    cover_track_id TEXT, search_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX artists_name ON artists (key, id);
CREATE TABLE genres (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, track_count INTEGER NOT NULL,
    album_count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5 (
    title, artist, album, tags, category,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab (search, 'row');
CREATE TABLE categories (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE term_trigrams USING fts5 (term, tokenize = 'trigram');
"""

# The scratch table of derived.refresh: a connection's own (a snapshot's bytes hold only the
# main database), so every opened connection makes it.
SCRATCH = """
CREATE TEMP TABLE touched (kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, id));
"""

# Built after a bulk load (faster than keeping them up to date row by row).
INDEXES = """
CREATE INDEX sort_title ON tracks (title_key, id);
CREATE INDEX sort_newest ON tracks (created_at DESC, id DESC);
CREATE INDEX sort_popular ON tracks (play_count DESC, title_key, id);
CREATE INDEX category_title ON tracks (category_key, title_key, id);
CREATE INDEX category_newest ON tracks (category_key, created_at DESC, id DESC);
CREATE INDEX category_popular ON tracks (category_key, play_count DESC, title_key, id);
CREATE INDEX by_content_hash ON tracks (content_hash);
CREATE INDEX by_cover_hash ON tracks (cover_hash);
CREATE INDEX by_source_path ON tracks (source_path);
CREATE INDEX by_source_folder ON tracks (source_folder);
CREATE INDEX by_album ON tracks (album_id, disc, track_no, title_key);
CREATE INDEX by_artist ON tracks (artist_id, play_count DESC);
CREATE INDEX by_album_artist ON tracks (album_artist_id, album_id);
"""

# bm25 column weights, in the FTS table's column order: a title match outranks an artist
# match, which outranks album, then category and tags.
RANK_WEIGHTS = (100.0, 10.0, 3.0, 1.0, 1.5)


# Snapshots (the database's bytes) are used only by a catalogue of the same schema.
VERSION = hashlib.sha256((SCHEMA + INDEXES).encode()).hexdigest()[:16]


class Connection(sqlite3.Connection):
    """A catalogue database, with the order of its recent searches (ranks.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_searches = OrderedDict()


def _open():
    # Greenlets of one process share it; statements never yield, so none interleave.
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None,
                           factory=Connection)
    derived.register_functions(conn)  # functions are not part of a snapshot's bytes
    conn.executescript(SCRATCH)
    return conn


def connect():
    """A new, empty catalogue database in memory, without its sort indexes yet."""
    conn = _open()
    conn.executescript(SCHEMA)
    return conn


def restore(image):
    """A catalogue database in memory from the bytes of a finished one (a snapshot)."""
    conn = _open()
    conn.deserialize(image)
    return conn


def finish(conn):
    """After the bulk load: the sort indexes, albums, artists and genres, and the typo
    fallback's vocabulary."""
    conn.executescript(INDEXES)
    derived.rebuild(conn)
    conn.execute("INSERT INTO terms (term) SELECT term FROM search_vocabulary")
    conn.execute("INSERT INTO term_trigrams (term) SELECT term FROM terms")


@contextlib.contextmanager
def transaction(conn):
    """The statements of the block as one write: all of them, or none if it raises.

    Connections are in autocommit mode, and FTS5 writes out its pending terms at every
    commit: loading 100,000 tracks took 4.8 s in the search index row by row, 0.4 s in one
    transaction per batch. A journal entry applied this way is also never half applied.
    """
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
