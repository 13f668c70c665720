"""A user's favorites: a journal of marks and unmarks (server.personal.journal), by _id.

Marking inserts one entry; the folded state, kept in each process, is the user's favorite
tracks in the order they were marked, so listing, counting and is_favorite read memory.
"""

from server import locks, sync
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal.journal import Journal, entries


def ensure_indexes(db):
    # Cleanup only: a deleted track is looked for across users (never in a user's request).
    db.personal_entries.create_index([("track_id", 1)], name="personal_entry_track")


def fold(state, entry):
    """{track_id: marked_at}, oldest mark first."""
    if entry["on"]:
        state.setdefault(entry["track_id"], entry["at"])
    else:
        state.pop(entry["track_id"], None)
    return state


# Snapshots hold a list of objects: FerretDB stores no nested arrays.
JOURNAL = Journal("favorites", dict, fold,
                  dump=lambda state: [{"t": track_id, "at": at} for track_id, at in state.items()],
                  load=lambda rows: {row["t"]: row["at"] for row in rows})


def mark(user_id, track_id, on):
    """Record a change of mark; False when there was nothing to change."""
    # Held so that racing toggles of one track write one entry each way, never two.
    with locks.held(f"favorite:{user_id}:{track_id}"):
        if (track_id in JOURNAL.state(user_id)) == on:
            return False
        JOURNAL.append(user_id, {"kind": "favorites", "user_id": user_id, "track_id": track_id,
                                 "on": on, "at": utcnow()})
    sync.publish(user_id, "favorites.changed", {"track_id": str(track_id), "is_favorite": on})
    return True


def add_favorite(user_id, track_id):
    """Mark the track as a favorite (idempotent); 404 when the track does not exist."""
    library_tracks.get_track_or_404(track_id)
    mark(user_id, track_id, True)


def remove_favorite(user_id, track_id):
    """Unmark the track (idempotent, even for a track that no longer exists)."""
    mark(user_id, track_id, False)


def users_of(track_id):
    """The ids of the users who ever marked the track (a cleanup scan)."""
    found = entries().find({"kind": "favorites", "track_id": track_id}, {"user_id": 1})
    return {row["user_id"] for row in found}


def favorite_ids(user_id, track_ids):
    """The subset of track_ids the user has marked."""
    state = JOURNAL.state(user_id)
    return {track_id for track_id in track_ids if track_id in state}


def list_favorites(user_id, page, per_page):
    """(track ids newest favorite first, total)."""
    newest_first = list(reversed(JOURNAL.state(user_id)))
    start = (page - 1) * per_page
    return newest_first[start:start + per_page], len(newest_first)
