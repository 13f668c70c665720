"""getLyrics (by artist and title) and getLyricsBySongId (the songLyrics extension)."""

from server.library import search
from server.library import tracks as library_tracks
from server.subsonic.lyrics_files import lyrics_of
from server.subsonic.methods.browsing import track_of
from server.subsonic.registry import method

CANDIDATES = 20


def structured(doc, found):
    synced, lines = found
    return {"displayArtist": doc.get("artist") or "", "displayTitle": doc["title"],
            "lang": "xxx", "synced": synced, "offset": 0, "line": lines}


@method("getLyricsBySongId")
def get_lyrics_by_song_id(params):
    doc = track_of(params)
    found = lyrics_of(doc)
    return {"lyricsList": {"structuredLyrics": [structured(doc, found)] if found else []}}


def find_song(artist, title):
    """The best-matching track whose title (and artist, when given) match exactly."""
    words = " ".join(part for part in (title, artist) if part)
    if not words.strip():
        return None
    docs, _ = library_tracks.list_tracks(q=words[:200], page=1, per_page=CANDIDATES)
    for doc in docs:
        if search.normalise(doc["title"]) != search.normalise(title or doc["title"]):
            continue
        if artist and search.normalise(doc.get("artist") or "") != search.normalise(artist):
            continue
        return doc
    return None


@method("getLyrics")
def get_lyrics(params):
    artist, title = params.get("artist") or "", params.get("title") or ""
    doc = find_song(artist, title)
    found = lyrics_of(doc) if doc else None
    text = "\n".join(line["value"] for line in found[1]) if found else ""
    return {"lyrics": {"artist": doc.get("artist") if doc else artist or None,
                       "title": doc["title"] if doc else title or None, "value": text}}
