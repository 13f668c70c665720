"""Per-user journals: a process meeting a user cold reads the latest snapshot and the rest."""

from bson import ObjectId

from server.jsonutil import utcnow
from server.personal import journal
from server.personal.favorites import JOURNAL as FAVORITES
from server.personal.history import JOURNAL as HISTORY


def test_a_cold_process_rebuilds_the_same_state_past_a_snapshot(app, db):
    user_id, tracks = ObjectId(), [ObjectId() for _ in range(journal.SNAPSHOT_EVERY + 5)]
    with app.app_context():
        for number, track_id in enumerate(tracks):
            FAVORITES.append(user_id, {"kind": "favorites", "user_id": user_id,
                                       "track_id": track_id, "on": number % 7 != 3,
                                       "at": utcnow()})
            HISTORY.append(user_id, {"kind": "history", "user_id": user_id,
                                     "track_id": tracks[number % 50], "position": number,
                                     "completed": False, "played_at": utcnow()})
        warm = (dict(FAVORITES.state(user_id)), dict(HISTORY.state(user_id)))
        journal._cache.clear()
        assert (FAVORITES.state(user_id), HISTORY.state(user_id)) == warm
    assert db.personal_snapshots.count_documents({}) == 2
    assert len(warm[1]) == 50 and list(warm[1].values())[-1]["position"] == len(tracks) - 1
