"""A per-process cache of track list pages, valid while the library's version is unchanged.

FerretDB (SQLite backend) counts and sorts the whole collection for each page; the cache
makes a repeated page cost one read of the version token. Every write to tracks (including a
play, which changes play_count and the popular order) replaces the token, so pages are never
staler than the database: the token is read before the query and bumped after each write.
"""

from server.library import version

MAX_PAGES = 256  # distinct (query, sort, page) combinations kept per version
_state = {"token": None, "pages": {}}


def get_or_load(key, load):
    """load()'s result for key, reused while the library version stays the same."""
    token = version.current()
    if _state["token"] != token:
        _state["token"], _state["pages"] = token, {}
    pages = _state["pages"]
    if key in pages:
        return pages[key]
    result = load()
    if _state["token"] == token and len(pages) < MAX_PAGES:
        pages[key] = result
    return result


def clear():
    """Forget every cached page (for tests that write to the database behind the API)."""
    _state["token"], _state["pages"] = None, {}
