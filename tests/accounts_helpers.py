"""Small builders for the accounts and personal-music tests."""

import itertools

from server.jsonutil import utcnow
from server.library.catalogue import journal

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def register(client, username=None, password=PASSWORD, **extra):
    """Sign up through the API; returns (user JSON, token)."""
    username = username or f"user{next(_numbers)}"
    response = client.post("/api/v1/auth/register",
                           json={"username": username, "password": password, **extra})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return body["user"], body["token"]


def insert_track_record(db, **overrides):
    """Insert a track record without audio (enough for personal lists); returns its id."""
    now = utcnow()
    number = next(_numbers)
    doc = {"title": f"Track {number}", "artist": "Artist", "album": "Album", "category": "songs",
           "tags": ["kids"], "duration": 180.5, "size": 1234, "mime_type": "audio/mpeg",
           "content_hash": f"{number:064x}", "has_cover": False,
           "created_at": now, "updated_at": now, **overrides}
    track_id = db.tracks.insert_one(doc).inserted_id
    journal.record_upserts(db, [doc])  # as server.library.tracks does: every process sees it
    return track_id


def delete_track_record(db, track_id):
    """Delete a track record the way the library does (journalled); returns nothing."""
    db.tracks.delete_one({"_id": track_id})
    journal.record_deletes(db, [track_id])
