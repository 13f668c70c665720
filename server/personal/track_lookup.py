"""The only place personal code reads tracks (the library branch owns the collection).

When merging, these four functions map one-to-one onto server.library.tracks:
find_track, find_tracks_by_ids, present_track, increment_play_count.
"""

from server import locks
from server.db import get_db
from server.errors import not_found


def find_track(track_id):
    return get_db().tracks.find_one({"_id": track_id})


def get_track_or_404(track_id):
    track = find_track(track_id)
    if track is None:
        raise not_found("track")
    return track


def find_tracks_by_ids(track_ids):
    """{ObjectId: track document} for those of the ids that exist (one $in query)."""
    ids = list(set(track_ids))
    if not ids:
        return {}
    return {doc["_id"]: doc for doc in get_db().tracks.find({"_id": {"$in": ids}})}


def present_track(doc):
    """A track as the contract's Track JSON (without the per-user fields)."""
    track_id = str(doc["_id"])
    return {
        "id": track_id,
        "title": doc.get("title", ""),
        "artist": doc.get("artist", ""),
        "album": doc.get("album", ""),
        "category": doc.get("category", ""),
        "tags": list(doc.get("tags", [])),
        "duration": doc.get("duration", 0),
        "size": doc.get("size", 0),
        "mime_type": doc.get("mime_type", ""),
        "content_hash": doc.get("content_hash", ""),
        "has_cover": bool(doc.get("has_cover")),
        "audio_url": f"/media/tracks/{track_id}/audio",
        "cover_url": f"/media/tracks/{track_id}/cover?size=full",
        "thumb_url": f"/media/tracks/{track_id}/cover?size=thumb",
        "play_count": doc.get("play_count", 0),
        "created_at": doc.get("created_at"),
        "updated_at": doc.get("updated_at"),
    }


def increment_play_count(track_id):
    # The lock keeps FerretDB from losing racing increments (see server.locks); the
    # library's own writes to a track should hold the same "track:<id>" lock.
    with locks.held(f"track:{track_id}"):
        get_db().tracks.update_one({"_id": track_id}, {"$inc": {"play_count": 1}})
