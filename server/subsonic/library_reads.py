"""The library reads Subsonic needs beyond /api/v1's pages: any offset, random songs, genres.

All from this process's catalogue (server.library.catalogue), never from the collection.
"""

from server.library import search
from server.library import tracks as library_tracks
from server.library.catalogue import records, state


def window(q, offset, limit, category=None):
    """(documents offset..offset+limit, total): everything by title when q is None, else the
    best matches first. Two catalogue pages cover any offset (Subsonic pages by offset)."""
    if limit == 0:
        return [], library_tracks.list_tracks(q=q, category=category, page=1, per_page=1)[1]
    page, skip = divmod(offset, limit)
    docs, total = library_tracks.list_tracks(q=q, category=category, page=page + 1,
                                             per_page=limit)
    if skip and len(docs) == limit:
        docs += library_tracks.list_tracks(q=q, category=category, page=page + 2,
                                           per_page=limit)[0]
    return docs[skip:skip + limit], total


def random_tracks(size, category=None):
    """Up to size tracks in random order, optionally of one category."""
    where, params = "", []
    if category:
        where, params = " WHERE category_key = ?", [search.normalise(category)]
    rows = state.current().execute(
        f"SELECT doc, play_count FROM tracks{where} ORDER BY random() LIMIT ?",
        (*params, size)).fetchall()
    return [records.decode(text, plays) for text, plays in rows]


def track_or_none(object_id):
    return library_tracks.find_track(object_id)
