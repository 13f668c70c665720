"""The order of recent searches, kept until the library's text changes.

Ranking a search scores every matching track (bm25), so a broad word ("little": 500 of
100,000 tracks) costs in proportion to the library. The order depends only on the tracks'
text (bm25, then title and id) or on their title or date, never on play counts, so it is
kept on the catalogue's connection (schema.Connection): the first KEPT track rowids and
the total of each recent (match, category, sort), forgotten whenever a track is added,
edited or removed (rows.py).
Plays keep it; pages are then read by rowid with their current play counts. The popular
order changes with every play, so it is never kept.
"""

KEPT = 200  # rowids kept per search: the first 10 pages of 20
SEARCHES = 256  # recent searches kept per catalogue


def lookup(conn, key):
    """(rowids, total) of a search ranked before on this connection, or None."""
    found = conn.kept_searches.get(key)
    if found is not None:
        conn.kept_searches.move_to_end(key)
    return found


def keep(conn, key, rowids, total):
    searches = conn.kept_searches
    searches[key] = (rowids, total)
    while len(searches) > SEARCHES:
        searches.popitem(last=False)


def forget(conn):
    """The library's text changed: no kept order holds any more."""
    conn.kept_searches.clear()
