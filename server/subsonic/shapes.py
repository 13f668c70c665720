"""Tracks as Subsonic songs ("Child"), annotated for the caller: starred, rating, bookmark.

The same data as /api/v1: starred is the caller's favorite mark, playCount the library's
listens, bookmarkPosition the caller's resume position.
"""

from server import jsonutil
from server.library import search
from server.personal import favorites, history
from server.subsonic import ids, user_state

SUFFIXES = {"audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "aac", "audio/ogg": "ogg",
            "audio/opus": "opus", "audio/flac": "flac", "audio/x-flac": "flac",
            "audio/wav": "wav", "audio/x-wav": "wav"}


def iso(moment):
    """ISO 8601 UTC (the catalogue keeps times as ISO text already)."""
    if moment is None or isinstance(moment, str):
        return moment
    return jsonutil.iso(moment)


def name_key(name):
    """The catalogue key of an album or artist name (accents and case folded)."""
    return search.normalise(name or "")[:200]


def album_key(doc):
    """An album is its name under its album artist (else the track's artist)."""
    album = doc.get("album")
    if not album:
        return None
    return ids.digest_key(name_key(doc.get("album_artist") or doc.get("artist")), name_key(album))


def artist_key(doc):
    artist = doc.get("album_artist") or doc.get("artist")
    return ids.digest_key(name_key(artist)) if artist else None


class Viewer:
    """The caller's marks, read once per request and reused for every song."""

    def __init__(self, user):
        self.user_id = user["_id"]
        self._ratings = None

    def starred_at(self, track_id):
        return favorites.JOURNAL.state(self.user_id).get(track_id)

    def rating(self, track_id):
        if self._ratings is None:
            self._ratings = user_state.load("ratings", self.user_id).get("tracks", {})
        return self._ratings.get(str(track_id))

    def resume(self, track_id):
        row = history.JOURNAL.state(self.user_id).get(track_id)
        return None if row is None or row["completed"] else row["position"]


def song(doc, viewer):
    """The Child element of a track."""
    track_id = doc["_id"]
    suffix = SUFFIXES.get(doc.get("mime_type"), "mp3")
    album, artist = album_key(doc), artist_key(doc)
    duration = doc.get("duration") or 0
    out = {
        "id": ids.track_id(track_id),
        "parent": f"{ids.ALBUM}-{album}" if album else None,
        "isDir": False,
        "title": doc["title"],
        "album": doc.get("album"),
        "artist": doc.get("artist"),
        "track": doc.get("track_number"),
        "discNumber": doc.get("disc_number"),
        "year": doc.get("year"),
        "genre": doc.get("category"),
        "coverArt": ids.cover_id(ids.TRACK, track_id, doc.get("cover_hash")),
        "size": doc.get("size"),
        "contentType": doc.get("mime_type") or "audio/mpeg",
        "suffix": suffix,
        "duration": int(round(duration)),
        "bitRate": int(doc["size"] * 8 / duration / 1000) if duration and doc.get("size") else None,
        "path": f"{doc.get('artist') or 'Unknown'}/{doc.get('album') or 'Singles'}/"
                f"{doc['title']}.{suffix}",
        "playCount": doc.get("play_count", 0),
        "created": iso(doc.get("created_at")),
        "albumId": f"{ids.ALBUM}-{album}" if album else None,
        "artistId": f"{ids.ARTIST}-{artist}" if artist else None,
        "type": "music",
        "mediaType": "song",
        "isVideo": False,
        "genres": [{"name": doc["category"]}] if doc.get("category") else [],
    }
    if viewer is not None:
        starred = viewer.starred_at(track_id)
        out["starred"] = iso(starred) if starred else None
        out["userRating"] = viewer.rating(track_id)
        position = viewer.resume(track_id)
        out["bookmarkPosition"] = int(position * 1000) if position else None
    return out
