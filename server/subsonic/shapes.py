"""Tracks as Subsonic songs ("Child"), annotated for the caller: starred, rating, bookmark.

The same data as /api/v1: starred is the caller's favorite mark, playCount the library's
listens, bookmarkPosition the caller's resume position.
"""

from server import jsonutil
from server.library.catalogue import names
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


class Viewer:
    """The caller's marks, read once per request and reused for every song."""

    def __init__(self, user):
        self.user_id = user["_id"]
        self._ratings = None
        self._favorites = None  # each journal is brought up to date once per request,
        self._history = None  # not once per song (that reads its head in the database)

    def starred_at(self, track_id):
        if self._favorites is None:
            self._favorites = favorites.JOURNAL.state(self.user_id)
        return self._favorites.get(track_id)

    def rating(self, track_id):
        if self._ratings is None:
            self._ratings = user_state.load("ratings", self.user_id).get("tracks", {})
        return self._ratings.get(str(track_id))

    def resume(self, track_id):
        if self._history is None:
            self._history = history.JOURNAL.state(self.user_id)
        row = self._history.get(track_id)
        return None if row is None or row["completed"] else row["position"]


def song(doc, viewer):
    """The Child element of a track."""
    track_id = doc["_id"]
    suffix = SUFFIXES.get(doc.get("mime_type"), "mp3")
    album, artist = names.album_id(doc), names.artist_id(doc.get("artist"))
    genres = doc.get("genres") or ([doc["category"]] if doc.get("category") else [])
    duration = doc.get("duration") or 0
    out = {
        "id": ids.track_id(track_id),
        "parent": album,
        "isDir": False,
        "title": doc["title"],
        "album": doc.get("album"),
        "artist": doc.get("artist"),
        "track": doc.get("track_number"),
        "albumArtist": doc.get("album_artist"),
        "discNumber": doc.get("disc_number"),
        "year": doc.get("year"),
        "genre": genres[0] if genres else None,
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
        "albumId": album,
        "artistId": artist,
        "type": "music",
        "mediaType": "song",
        "isVideo": False,
        "genres": [{"name": name} for name in genres],
    }
    if viewer is not None:
        starred = viewer.starred_at(track_id)
        out["starred"] = iso(starred) if starred else None
        out["userRating"] = viewer.rating(track_id)
        position = viewer.resume(track_id)
        out["bookmarkPosition"] = int(position * 1000) if position else None
    return out
