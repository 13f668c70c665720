"""Stable ids of albums and artists, derived from their normalised names.

An album is its album artist (the album artist tag, else "Various Artists" for a
compilation, else the track artist) and its title; an artist is a name. The ids are short
hashes of the normalised names, so a rescan, a rebuilt catalogue or another process finds
the same ids: `al-` + 16 hex digits for an album, `ar-` + 16 for an artist. The Subsonic API
(#13) hands these ids out too.
"""

import functools
import hashlib

from server.library import search

VARIOUS_ARTISTS = "Various Artists"
ALBUM_PREFIX, ARTIST_PREFIX = "al-", "ar-"
ID_PATTERN = r"^a[lr]-[0-9a-f]{16}$"


# Every track the API shows names its album and artists by id: a page of 20 hashed 60 names,
# a third of its serialising. Libraries repeat names, so the recent ones are kept.
@functools.lru_cache(maxsize=16_384)
def _digest(*parts):
    text = "\x1f".join(search.normalise(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def album_artist(doc):
    """The name an album is filed under, or None when the track names no artist at all."""
    if doc.get("album_artist"):
        return doc["album_artist"]
    if doc.get("compilation"):
        return VARIOUS_ARTISTS
    return doc.get("artist") or None


def album_id(doc):
    """The track's album id, or None when it has no album tag."""
    title = (doc.get("album") or "").strip()
    if not search.normalise(title):
        return None
    return ALBUM_PREFIX + _digest(album_artist(doc) or "", title)


def artist_id(name):
    """The id of an artist name, or None for no name."""
    if not search.normalise(name):
        return None
    return ARTIST_PREFIX + _digest(name)


def genres(doc):
    """{normalised key: name} of the track's genres (several per file)."""
    found = {}
    for name in doc.get("genres") or ():
        key = search.normalise(name)
        if key:
            found.setdefault(key, name)
    return found
