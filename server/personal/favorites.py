"""The favorites collection: one document per (user, track), listed newest first."""

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import DuplicateKeyError

from server import sync
from server.db import get_db
from server.jsonutil import utcnow
from server.library import tracks as library_tracks


def collection():
    return get_db().favorites


def ensure_indexes(db):
    db.favorites.create_index([("user_id", ASCENDING), ("track_id", ASCENDING)], unique=True,
                              name="favorite_user_track")
    db.favorites.create_index([("user_id", ASCENDING), ("created_at", DESCENDING),
                               ("_id", DESCENDING)], name="favorite_user_newest")
    db.favorites.create_index([("track_id", ASCENDING)], name="favorite_track")


def add_favorite(user_id, track_id):
    """Mark the track as a favorite (idempotent); 404 when the track does not exist."""
    library_tracks.get_track_or_404(track_id)
    try:
        collection().insert_one({"user_id": user_id, "track_id": track_id,
                                 "created_at": utcnow()})
    except DuplicateKeyError:
        return  # already a favorite: nothing changed, nothing to announce
    publish(user_id, track_id, True)


def remove_favorite(user_id, track_id):
    """Unmark the track (idempotent, even for a track that no longer exists)."""
    if collection().delete_one({"user_id": user_id, "track_id": track_id}).deleted_count:
        publish(user_id, track_id, False)


def publish(user_id, track_id, is_favorite):
    sync.publish(user_id, "favorites.changed",
                 {"track_id": str(track_id), "is_favorite": is_favorite})


def users_of(track_id):
    """The ids of the users who marked the track."""
    return [row["user_id"] for row in collection().find({"track_id": track_id}, {"user_id": 1})]


def favorite_ids(user_id, track_ids):
    """The subset of track_ids the user has marked (one $in query)."""
    rows = collection().find({"user_id": user_id, "track_id": {"$in": list(track_ids)}},
                             {"track_id": 1})
    return {row["track_id"] for row in rows}


def list_favorites(user_id, page, per_page):
    """(track ids newest favorite first, total)."""
    query = {"user_id": user_id}
    rows = collection().find(query).sort([("created_at", DESCENDING), ("_id", DESCENDING)])
    rows = rows.skip((page - 1) * per_page).limit(per_page)
    return [row["track_id"] for row in rows], collection().count_documents(query)
