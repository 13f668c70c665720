"""POST/GET /api/v1/me/history, play counts, and resume positions."""

import pytest
from bson import ObjectId

from server import sync
from server.library.tracks import present_track
from server.personal.annotate import annotate_tracks
from tests.accounts_helpers import bearer, delete_track_record, insert_track_record, register


def play_count(client, track_id):
    return client.get(f"/api/v1/tracks/{track_id}").get_json()["play_count"]


def report(client, token, track_id, position, completed=False):
    return client.post("/api/v1/me/history", headers=bearer(token),
                       json={"track_id": str(track_id), "position": position,
                             "completed": completed})


def test_history_flow_one_row_per_track_newest_first(client, db):
    _, token = register(client)
    first, second = insert_track_record(db), insert_track_record(db)
    response = report(client, token, first, 12.5)
    assert response.status_code == 200
    entry = response.get_json()
    assert entry["position"] == 12.5 and entry["completed"] is False
    assert entry["track"]["id"] == str(first)
    assert entry["track"]["resume_position"] == 12.5
    assert entry["played_at"].endswith("Z")
    report(client, token, second, 3)
    report(client, token, first, 20)
    page = client.get("/api/v1/me/history", headers=bearer(token)).get_json()
    assert page["total"] == 2
    assert [(row["track"]["id"], row["position"]) for row in page["items"]] == [
        (str(first), 20), (str(second), 3)]


def test_play_count_rises_once_per_listen(client, db):
    _, token = register(client)
    track_id = insert_track_record(db)
    for position in (0, 5, 10):
        report(client, token, track_id, position)
    assert play_count(client, track_id) == 1
    report(client, token, track_id, 180, completed=True)
    assert play_count(client, track_id) == 1
    report(client, token, track_id, 0)  # started again after finishing: a new listen
    report(client, token, track_id, 4)
    assert play_count(client, track_id) == 2
    _, other = register(client)
    report(client, other, track_id, 1)
    assert play_count(client, track_id) == 3


def test_resume_position_is_null_once_completed(client, db):
    _, token = register(client)
    track_id = insert_track_record(db)
    report(client, token, track_id, 42)
    entry = report(client, token, track_id, 180, completed=True).get_json()
    assert entry["track"]["resume_position"] is None
    assert entry["completed"] is True


def test_annotate_tracks_adds_favorite_and_resume_position(app, client, db):
    user, token = register(client)
    liked, started, finished, untouched = (insert_track_record(db) for _ in range(4))
    client.put(f"/api/v1/me/favorites/{liked}", headers=bearer(token))
    report(client, token, started, 33)
    report(client, token, finished, 180, completed=True)
    tracks = [present_track(db.tracks.find_one({"_id": tid}))
              for tid in (liked, started, finished, untouched)]
    with app.app_context():
        annotate_tracks(ObjectId(user["id"]), tracks)
        assert annotate_tracks(ObjectId(user["id"]), []) == []
    assert [(t["is_favorite"], t["resume_position"]) for t in tracks] == [
        (True, None), (False, 33), (False, None), (False, None)]


def test_history_publishes_sync_events(app, client, db):
    events = []
    sync.subscribe(app, lambda user_id, kind, data: events.append((user_id, kind, data)))
    user, token = register(client)
    track_id = insert_track_record(db)
    report(client, token, track_id, 7)
    [(user_id, kind, data)] = events
    assert (user_id, kind) == (user["id"], "history.changed")
    assert data["track_id"] == str(track_id) and data["position"] == 7


@pytest.mark.parametrize("body, field", [
    ({"position": 1, "completed": False}, "track_id"),
    ({"track_id": "abc", "position": 1}, "track_id"),
    ({"track_id": "0" * 24, "position": -1}, "position"),
    ({"track_id": "0" * 24, "position": "10"}, "position"),
    ({"track_id": "0" * 24, "position": True}, "position"),
    ({"track_id": "0" * 24, "position": 1e12}, "position"),
    ({"track_id": "0" * 24, "position": 1, "completed": "yes"}, "completed"),
])
def test_bad_reports_are_422(client, body, field):
    _, token = register(client)
    response = client.post("/api/v1/me/history", headers=bearer(token), json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]["fields"]


def test_report_for_a_missing_track_is_404(client):
    _, token = register(client)
    assert report(client, token, ObjectId(), 1).status_code == 404


def test_history_is_per_user_and_needs_a_token(client, db):
    _, alice = register(client)
    _, bob = register(client)
    report(client, alice, insert_track_record(db), 5)
    assert client.get("/api/v1/me/history", headers=bearer(bob)).get_json()["total"] == 0
    assert client.get("/api/v1/me/history").status_code == 401


def test_deleted_tracks_drop_out_of_history(client, db):
    _, token = register(client)
    kept, gone = insert_track_record(db), insert_track_record(db)
    report(client, token, kept, 1)
    report(client, token, gone, 1)
    delete_track_record(db, gone)
    items = client.get("/api/v1/me/history", headers=bearer(token)).get_json()["items"]
    assert [item["track"]["id"] for item in items] == [str(kept)]


def test_concurrent_listeners_are_all_counted(app, db):
    import threading

    track_id = insert_track_record(db)
    tokens = [register(app.test_client())[1] for _ in range(10)]
    barrier = threading.Barrier(len(tokens))
    statuses = []

    def listen(token):
        client = app.test_client()
        barrier.wait()
        statuses.append(report(client, token, track_id, 1).status_code)

    threads = [threading.Thread(target=listen, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 10
    assert play_count(app.test_client(), track_id) == 10
