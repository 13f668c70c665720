"""The library reads Subsonic needs beyond /api/v1's pages: any offset, random songs, genres.

All from this process's catalogue (server.library.catalogue), never from the collection.
"""

from server.library import search
from server.library import tracks as library_tracks
from server.library.catalogue import records, state
from server.subsonic import paging


def window(q, offset, limit):
    """(documents offset..offset+limit, total): everything by title when q is None, else the
    best matches first."""
    return paging.window(lambda page, per_page: library_tracks.list_tracks(
        q=q, page=page, per_page=per_page), offset, limit)


GENRE_OF_TRACK = ("(rowid IN (SELECT track_rowid FROM track_genres WHERE key = :genre) "
                  "OR category_key = :genre)")


def random_tracks(size, genre=None, year_from=None, year_to=None):
    """Up to size tracks in random order, optionally of one genre (or category) and years."""
    where, params = [], {"size": size}
    if genre:
        where.append(GENRE_OF_TRACK)
        params["genre"] = search.normalise(genre)
    if year_from is not None:
        where.append("year >= :year_from")
        params["year_from"] = year_from
    if year_to is not None:
        where.append("year <= :year_to")
        params["year_to"] = year_to
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = state.current().execute(
        f"SELECT doc, play_count FROM tracks{clause} ORDER BY random() LIMIT :size",
        params).fetchall()
    return [records.decode(text, plays) for text, plays in rows]


def tracks_of_genre(genre, offset, count):
    """The tracks of a genre (a genre tag, or Tapcast's category), by title."""
    rows = state.current().execute(
        f"SELECT doc, play_count FROM tracks WHERE {GENRE_OF_TRACK} ORDER BY title_key, id "
        "LIMIT :count OFFSET :offset",
        {"genre": search.normalise(genre), "count": count, "offset": offset}).fetchall()
    return [records.decode(text, plays) for text, plays in rows]


def track_or_none(object_id):
    return library_tracks.find_track(object_id)
