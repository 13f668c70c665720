"""Reading albums, artists and genres from the catalogue (the tables derived.py keeps).

Every function takes the catalogue connection (`state.current()`) and returns plain dicts:
albums and artists with their `al-`/`ar-` ids, tracks as documents like queries.py's.
"""

import random

from server.library import search
from server.library.catalogue import records

ALBUM_SORTS = {
    "title": ("", "title_key, id"),
    "artist": ("", "artist_key, year, title_key, id"),
    "year": ("", "year IS NULL, year, title_key, id"),
    "newest": ("", "created_at DESC, id"),
    "recently_played": ("last_played IS NOT NULL", "last_played DESC, id"),
    "most_played": ("play_count > 0", "play_count DESC, title_key, id"),
    "random": ("", "shuffled(id, :seed), id"),
}
# The cover track's cover_hash versions the cover URLs (cover_urls.py); read at query time,
# so a changed cover needs no refresh of the derived rows.
COVER_HASH = "(SELECT t.cover_hash FROM tracks t WHERE t.id = {}.cover_track_id) AS cover_hash"
ALBUM_COLUMNS = ("id, title, artist, artist_id, year, track_count, disc_count, duration, "
                 "created_at, play_count, last_played, cover_track_id, "
                 + COVER_HASH.format("albums"))
ARTIST_COLUMNS = ("id, name, album_count, track_count, play_count, cover_track_id, "
                  + COVER_HASH.format("artists"))
TRACK_ORDER = "disc IS NULL, disc, track_no IS NULL, track_no, title_key, id"
TOP_TRACKS = 10


def _dicts(cursor):
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _with_genres(conn, albums):
    """Each album with the names of its genres."""
    by_id = {album["id"]: album for album in albums}
    for album in albums:
        album["genres"] = []
    if by_id:
        marks = ",".join("?" * len(by_id))
        rows = conn.execute("SELECT a.album_id, g.name FROM album_genres a JOIN genres g "
                            f"ON g.key = a.key WHERE a.album_id IN ({marks}) ORDER BY g.key",
                            list(by_id)).fetchall()
        for album_id, name in rows:
            by_id[album_id]["genres"].append(name)
    return albums


def new_seed():
    """A seed for sort=random (the same seed pages through the same order)."""
    return random.randrange(1, 2**31)


def album_page(conn, *, sort="title", genre=None, year_from=None, year_to=None,
               artist_id=None, seed=0, page=1, per_page=20):
    """(albums of the page, total matching) in one of ALBUM_SORTS' orders, filtered by genre
    name, year range (inclusive) and album artist id; sort=random is shuffled by `seed`."""
    condition, order = ALBUM_SORTS[sort]
    where = [condition] if condition else []
    params = {"seed": seed, "limit": per_page, "offset": (page - 1) * per_page}
    if genre:
        where.append("id IN (SELECT album_id FROM album_genres WHERE key = :genre)")
        params["genre"] = search.normalise(genre)
    if year_from is not None:
        where.append("year >= :year_from")
        params["year_from"] = year_from
    if year_to is not None:
        where.append("year <= :year_to")
        params["year_to"] = year_to
    if artist_id:
        where.append("artist_id = :artist_id")
        params["artist_id"] = artist_id
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    albums = _dicts(conn.execute(f"SELECT {ALBUM_COLUMNS} FROM albums{clause} ORDER BY {order} "
                                 "LIMIT :limit OFFSET :offset", params))
    if albums and len(albums) < per_page:
        total = (page - 1) * per_page + len(albums)  # the last page tells the total itself
    else:
        total = conn.execute(f"SELECT count(*) FROM albums{clause}", params).fetchone()[0]
    return _with_genres(conn, albums), total


def album(conn, album_id):
    """The album with its genres, or None."""
    found = _dicts(conn.execute(f"SELECT {ALBUM_COLUMNS} FROM albums WHERE id = ?",
                                (album_id,)))
    return _with_genres(conn, found)[0] if found else None


def album_tracks(conn, album_id):
    """The album's track documents in disc, then track number order (unnumbered last)."""
    rows = conn.execute("SELECT doc, play_count FROM tracks WHERE album_id = ? "
                        f"ORDER BY {TRACK_ORDER}", (album_id,)).fetchall()
    return [records.decode(text, plays) for text, plays in rows]


def albums_by_ids(conn, album_ids):
    """The albums among album_ids, in that order (ids not found are left out)."""
    ids = list(dict.fromkeys(album_ids))[:500]
    if not ids:
        return []
    rows = _dicts(conn.execute(f"SELECT {ALBUM_COLUMNS} FROM albums WHERE id IN "
                               f"({','.join('?' * len(ids))})", ids))
    by_id = {row["id"]: row for row in rows}
    return _with_genres(conn, [by_id[i] for i in ids if i in by_id])


def artist_page(conn, *, page=1, per_page=20):
    """(artists of the page by name, total)."""
    artists = _dicts(conn.execute(f"SELECT {ARTIST_COLUMNS} FROM artists ORDER BY key, id "
                                  "LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page)))
    total = conn.execute("SELECT count(*) FROM artists").fetchone()[0]
    return artists, total


def artist(conn, artist_id):
    """The artist, or None."""
    found = _dicts(conn.execute(f"SELECT {ARTIST_COLUMNS} FROM artists WHERE id = ?",
                                (artist_id,)))
    return found[0] if found else None


def artist_albums(conn, artist_id):
    """(albums filed under the artist, other albums with tracks by them), by year."""
    own = _dicts(conn.execute(f"SELECT {ALBUM_COLUMNS} FROM albums WHERE artist_id = ? "
                              "ORDER BY year IS NULL, year, title_key, id", (artist_id,)))
    others = conn.execute("SELECT DISTINCT album_id FROM tracks WHERE artist_id = ? AND "
                          "album_id IS NOT NULL AND (album_artist_id IS NULL OR "
                          "album_artist_id != ?)", (artist_id, artist_id)).fetchall()
    appears = albums_by_ids(conn, [album_id for (album_id,) in others])
    appears.sort(key=lambda a: (a["year"] is None, a["year"] or 0, a["title"].casefold()))
    return _with_genres(conn, own), appears


def top_tracks(conn, artist_id, limit=TOP_TRACKS):
    """The artist's most played track documents (then by title)."""
    rows = conn.execute("SELECT doc, play_count FROM tracks WHERE artist_id = ? "
                        "ORDER BY play_count DESC, title_key, id LIMIT ?",
                        (artist_id, limit)).fetchall()
    return [records.decode(text, plays) for text, plays in rows]


def genres(conn):
    """[{name, track_count, album_count}] of every genre, by name."""
    return _dicts(conn.execute("SELECT name, track_count, album_count FROM genres ORDER BY key"))


def _word_filter(column, words):
    """WHERE text matching every word at the start of a word of `column` (words hold only
    letters and digits, so LIKE needs no escaping)."""
    clause = " AND ".join(f"(' ' || {column}) LIKE ?" for _ in words)
    return clause, [f"% {word}%" for word in words]


def search_albums(conn, q, limit):
    """Albums whose title or artist has words starting with each word of q, most played
    first."""
    words = search.query_words(q)
    if not words:
        return []
    clause, params = _word_filter("search_key", words)
    found = _dicts(conn.execute(f"SELECT {ALBUM_COLUMNS} FROM albums WHERE {clause} "
                                "ORDER BY play_count DESC, title_key, id LIMIT ?",
                                (*params, limit)))
    return _with_genres(conn, found)


def search_artists(conn, q, limit):
    """Artists with a word of their name starting with each word of q, most played first."""
    words = search.query_words(q)
    if not words:
        return []
    clause, params = _word_filter("search_key", words)
    return _dicts(conn.execute(f"SELECT {ARTIST_COLUMNS} FROM artists WHERE {clause} "
                               "ORDER BY play_count DESC, key, id LIMIT ?", (*params, limit)))
