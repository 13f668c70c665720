"""A user's listening history: a journal of play reports (server.personal.journal), by _id.

The folded state holds one row per track with where the user stopped, most recent last.
Play counting: a track's play_count goes up once per listen, that is when the user's row
is created, or when a row that was completed receives a report that is not (the track was
started again after being finished). Progress reports in between do not count.
"""

from server import locks, sync
from server.errors import ValidationError
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal.journal import Journal, entries
from server.personal.parsing import object_id


def ensure_indexes(db):
    """Nothing more: entries are read by _id (favorites creates the cleanup index)."""


def fold(state, entry):
    """{track_id: {position, completed, played_at}}, most recently played last."""
    state.pop(entry["track_id"], None)
    if entry.get("forget"):
        return state
    state[entry["track_id"]] = {"position": entry["position"], "completed": entry["completed"],
                                "played_at": entry["played_at"]}
    return state


# Snapshots hold a list of objects: FerretDB stores no nested arrays.
JOURNAL = Journal("history", dict, fold,
                  dump=lambda state: [{"t": track_id, **row} for track_id, row in state.items()],
                  load=lambda rows: {row.pop("t"): row for row in rows})


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


def starts_listen(previous, completed):
    """True when a report begins a new listen (see the module docstring)."""
    return previous is None or (previous["completed"] and not completed)


def record_play(user_id, track_id, position, completed):
    """Store the user's position in the track; returns the history row."""
    library_tracks.get_track_or_404(track_id)
    now = utcnow()
    changes = {"position": position, "completed": completed, "played_at": now}
    # Held so that two racing reports (two devices) count one listen, on FerretDB too.
    with locks.held(f"history:{user_id}:{track_id}"):
        new_listen = starts_listen(JOURNAL.state(user_id).get(track_id), completed)
        JOURNAL.append(user_id, {"kind": "history", "user_id": user_id, "track_id": track_id,
                                 **changes})
    if new_listen:
        library_tracks.increment_play_count(track_id)
    sync.publish(user_id, "history.changed",
                 {"track_id": str(track_id), "position": position, "completed": completed,
                  "played_at": now})
    return {"user_id": user_id, "track_id": track_id, **changes}


def forget(user_id, track_id):
    """Drop the track from the user's history (a deleted track)."""
    with locks.held(f"history:{user_id}:{track_id}"):
        if track_id in JOURNAL.state(user_id):
            JOURNAL.append(user_id, {"kind": "history", "user_id": user_id,
                                     "track_id": track_id, "forget": True})


def users_of(track_id):
    """The ids of the users who ever played the track (a cleanup scan)."""
    found = entries().find({"kind": "history", "track_id": track_id}, {"user_id": 1})
    return {row["user_id"] for row in found}


def list_history(user_id, page, per_page):
    """(rows most recent first, total)."""
    state = JOURNAL.state(user_id)
    rows = [{"user_id": user_id, "track_id": track_id, **row}
            for track_id, row in reversed(state.items())]
    start = (page - 1) * per_page
    return rows[start:start + per_page], len(rows)


def resume_positions(user_id, track_ids):
    """{track_id: position} for the tracks the user started and did not finish."""
    state = JOURNAL.state(user_id)
    return {track_id: state[track_id]["position"] for track_id in track_ids
            if track_id in state and not state[track_id]["completed"]}
