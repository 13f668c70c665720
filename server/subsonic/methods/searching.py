"""search2 and search3: an empty query (or the literal "") lists everything, paged.

That is how Symfonium and others copy a whole library: search3?query=""&songCount=500&
songOffset=0, 500, 1000 ... until a short page.
"""

from server.subsonic import library_reads, shapes
from server.subsonic.methods import albums
from server.subsonic.methods.browsing import viewer
from server.subsonic.registry import method

MAX_QUERY = 200


def query_of(params):
    """The search words, or None for "everything"."""
    query = (params.get("query") or "").strip()
    if query in ("", '""', "''", "*"):
        return None
    return query.strip('"')[:MAX_QUERY] or None


def results(params):
    query = query_of(params)
    docs, _ = library_reads.window(query, params.offset("songOffset"),
                                   params.count("songCount", 20))
    fans = viewer()
    return {
        "artist": albums.search_artists(query, params.offset("artistOffset"),
                                        params.count("artistCount", 20)),
        "album": albums.search_albums(query, params.offset("albumOffset"),
                                      params.count("albumCount", 20)),
        "song": [shapes.song(doc, fans) for doc in docs],
    }


@method("search3")
def search3(params):
    return {"searchResult3": results(params)}


@method("search2")
def search2(params):
    return {"searchResult2": results(params)}
