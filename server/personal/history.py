"""The history collection: one row per (user, track) with where the user stopped.

Play counting: a track's play_count goes up once per listen, that is when the user's row
is created, or when a row that was completed receives a report that is not (the track was
started again after being finished). Progress reports in between do not count.
"""

from pymongo import ASCENDING, DESCENDING

from server import locks, sync
from server.db import get_db, upsert_one
from server.errors import ValidationError
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal.parsing import object_id


def collection():
    return get_db().history


def ensure_indexes(db):
    db.history.create_index([("user_id", ASCENDING), ("track_id", ASCENDING)], unique=True,
                            name="history_user_track")
    db.history.create_index([("user_id", ASCENDING), ("played_at", DESCENDING),
                             ("_id", DESCENDING)], name="history_user_recent")
    db.history.create_index([("track_id", ASCENDING)], name="history_track")


MAX_POSITION = 7 * 24 * 3600  # seconds; no recording is a week long


def parse_report(body):
    """(track_id, position, completed) from a player's report; 422 naming bad fields."""
    problems = {}
    position = body.get("position")
    if (not isinstance(position, int | float) or isinstance(position, bool)
            or not 0 <= position <= MAX_POSITION):
        problems["position"] = f"must be a number of seconds between 0 and {MAX_POSITION}"
    if not isinstance(body.get("completed", False), bool):
        problems["completed"] = "must be true or false"
    try:
        track_id = object_id(body.get("track_id"), "track_id")
    except ValidationError as exc:
        problems.update(exc.details["fields"])
    if problems:
        raise ValidationError(problems)
    return track_id, position, body.get("completed", False)


def store_report(key, changes):
    """Write the report; True when it starts a new listen (see the module docstring)."""
    if not changes["completed"]:
        restarted = collection().update_one({**key, "completed": True}, {"$set": changes})
        if restarted.modified_count:
            return True
    return upsert_one(collection(), key, {"$set": changes}).upserted_id is not None


def record_play(user_id, track_id, position, completed):
    """Store the user's position in the track; returns the history row."""
    library_tracks.get_track_or_404(track_id)
    now = utcnow()
    changes = {"position": position, "completed": completed, "played_at": now}
    key = {"user_id": user_id, "track_id": track_id}
    # Held so that two racing reports (two devices) count one listen, on FerretDB too.
    with locks.held(f"history:{user_id}:{track_id}"):
        new_listen = store_report(key, changes)
    if new_listen:
        library_tracks.increment_play_count(track_id)
    sync.publish(user_id, "history.changed",
                 {"track_id": str(track_id), "position": position, "completed": completed,
                  "played_at": now})
    return {**key, **changes}


def list_history(user_id, page, per_page):
    """(rows most recent first, total)."""
    query = {"user_id": user_id}
    rows = collection().find(query).sort([("played_at", DESCENDING), ("_id", DESCENDING)])
    return list(rows.skip((page - 1) * per_page).limit(per_page)), collection().count_documents(
        query)


def resume_positions(user_id, track_ids):
    """{track_id: position} for the tracks the user started and did not finish."""
    rows = collection().find({"user_id": user_id, "track_id": {"$in": list(track_ids)}},
                             {"track_id": 1, "position": 1, "completed": 1})
    return {row["track_id"]: row["position"] for row in rows if not row.get("completed")}
