"""The one place realtime reads tracks (the library owns the collection).

When merged with the library branch, these delegate to server.library.tracks.
"""

from server.db import get_db


def find_tracks_by_ids(track_ids):
    """{ObjectId: track document} for the ids that exist."""
    cursor = get_db().tracks.find({"_id": {"$in": list(track_ids)}}, {"_id": 1, "title": 1})
    return {doc["_id"]: doc for doc in cursor}


def audio_url(track_id, base_url):
    """The track's absolute media URL on the host the client used."""
    return f"{base_url.rstrip('/')}/media/tracks/{track_id}/audio"
