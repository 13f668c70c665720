"""Albums, artists and genres, derived from the catalogue's track rows.

After a bulk load `rebuild` fills the three tables with one GROUP BY each. Afterwards every
journal entry collects what its tracks were and are counted in (a `Touched`), and `refresh`
recomputes just those rows from the tracks (an album has a few dozen tracks; the indexes
by album, artist and genre keep each refresh small). Recomputing, rather than adjusting
counters, keeps every aggregate (year, duration, cover, last play) exact after any edit.
A play is the exception (`count_play`): it only adds one to sums and moves a maximum.
"""

import zlib

from server.library import search

ALBUM_ROWS = """INSERT INTO albums (id, title, title_key, artist, artist_id, artist_key, year,
    track_count, disc_count, duration, created_at, play_count, last_played, cover_track_id,
    search_key)
SELECT album_id, min(album), normalise(min(album)), min(album_artist), min(album_artist_id),
    normalise(min(album_artist)), min(year), count(*), count(DISTINCT coalesce(disc, 1)),
    sum(duration), max(created_at), sum(play_count), max(last_played),
    coalesce((SELECT c.id FROM tracks c WHERE c.album_id = t.album_id
              AND c.cover_hash IS NOT NULL ORDER BY c.disc, c.track_no LIMIT 1), min(t.id)),
    word_key(min(album), min(album_artist))
FROM tracks t WHERE album_id IS NOT NULL AND {only} GROUP BY album_id"""
ALBUM_GENRES = """INSERT INTO album_genres (key, album_id)
SELECT DISTINCT g.key, t.album_id FROM track_genres g JOIN tracks t ON t.rowid = g.track_rowid
WHERE t.album_id IS NOT NULL AND {only}"""
ARTIST_ROWS = """INSERT INTO artists (id, name, key, album_count, track_count, play_count,
    search_key)
SELECT id, min(name), normalise(min(name)), 0, 0, 0, word_key(min(name), '') FROM (
    SELECT artist_id AS id, artist AS name FROM tracks
    WHERE artist_id IS NOT NULL AND {only_artist}
    UNION ALL
    SELECT album_artist_id, album_artist FROM tracks
    WHERE album_artist_id IS NOT NULL AND {only_album_artist}
) GROUP BY id"""
# Each branch filters itself: SQLite does not push a WHERE outside a UNION ALL into it, and
# that version scanned every track on each write (50 ms at 100,000 tracks).
ARTIST_COUNTS = """UPDATE artists SET
    album_count = (SELECT count(*) FROM albums a WHERE a.artist_id = artists.id),
    track_count = (SELECT count(*) FROM tracks t WHERE t.artist_id = artists.id),
    play_count = (SELECT coalesce(sum(play_count), 0) FROM tracks t
                  WHERE t.artist_id = artists.id),
    cover_track_id = coalesce(
        (SELECT cover_track_id FROM albums a WHERE a.artist_id = artists.id
         AND cover_track_id IS NOT NULL ORDER BY year DESC LIMIT 1),
        (SELECT id FROM tracks t WHERE t.artist_id = artists.id AND cover_hash IS NOT NULL
         LIMIT 1))
WHERE {only}"""
GENRE_ROWS = """INSERT INTO genres (key, name, track_count, album_count)
SELECT key, min(name), count(*), (SELECT count(*) FROM album_genres a WHERE a.key = g.key)
FROM track_genres g WHERE {only} GROUP BY key"""
TABLES = {"albums": ("album", "id"), "album_genres": ("album", "album_id"),
          "artists": ("artist", "id"), "genres": ("genre", "key")}


class Touched:
    """The albums, artists and genres some track changes may have altered."""

    def __init__(self):
        self.albums, self.artists, self.genres = set(), set(), set()

    def add(self, album_id, *artist_ids, genres=()):
        if album_id:
            self.albums.add(album_id)
        self.artists.update(a for a in artist_ids if a)
        self.genres.update(genres)

    def __bool__(self):
        return bool(self.albums or self.artists or self.genres)


def register_functions(conn):
    """The SQL functions the derivations use: the same normalisation as the track rows."""
    conn.create_function("normalise", 1, search.normalise, deterministic=True)
    conn.create_function("shuffled", 2, _shuffled, deterministic=True)
    conn.create_function("word_key", 2, lambda *texts: " " + " ".join(search.words(*texts)),
                         deterministic=True)


def _shuffled(item_id, seed):
    """A stable pseudo-random sort key of an id for one seed (sort=random pages agree)."""
    return zlib.crc32(f"{seed}:{item_id}".encode())


def rebuild(conn):
    """Fill albums, artists and genres from every track (after a bulk load)."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    _fill(conn, everything=True)


def refresh(conn, touched):
    """Recompute the rows of the albums, artists and genres in `touched` from the tracks."""
    if not touched:
        return
    conn.execute("DELETE FROM temp.touched")
    conn.executemany("INSERT OR IGNORE INTO temp.touched (kind, id) VALUES (?, ?)",
                     [("album", i) for i in touched.albums]
                     + [("artist", i) for i in touched.artists]
                     + [("genre", k) for k in touched.genres])
    for table, (kind, column) in TABLES.items():
        conn.execute(f"DELETE FROM {table} WHERE {column} IN "
                     f"(SELECT id FROM temp.touched WHERE kind = '{kind}')")
    _fill(conn, everything=False)


def count_play(conn, album_id, artist_id, at):
    """One more play of a track of this album and artist at `at` (ISO 8601).

    A play changes only sums and a maximum, so they are adjusted in place: recomputing an
    artist's row reads all its tracks, which for a composer or "Various Artists" with tens
    of thousands is a scan per play."""
    conn.execute("UPDATE albums SET play_count = play_count + 1, "
                 "last_played = max(coalesce(last_played, ''), ?) WHERE id = ?", (at, album_id))
    conn.execute("UPDATE artists SET play_count = play_count + 1 WHERE id = ?", (artist_id,))


def _only(kind, column, everything):
    if everything:
        return "1"
    return f"{column} IN (SELECT id FROM temp.touched WHERE kind = '{kind}')"


def _fill(conn, everything):
    conn.execute(ALBUM_ROWS.format(only=_only("album", "album_id", everything)))
    conn.execute(ALBUM_GENRES.format(only=_only("album", "t.album_id", everything)))
    conn.execute(ARTIST_ROWS.format(only_artist=_only("artist", "artist_id", everything),
                                    only_album_artist=_only("artist", "album_artist_id",
                                                            everything)))
    conn.execute(ARTIST_COUNTS.format(only=_only("artist", "id", everything)))
    conn.execute(GENRE_ROWS.format(only=_only("genre", "key", everything)))
