"""forget_track(): a track the library deleted leaves every user's lists."""

from bson import ObjectId

from server import sync
from server.personal.cleanup import forget_track
from tests.accounts_helpers import bearer, delete_track_record, insert_track_record, register


def test_forget_track_removes_it_everywhere(app, client, db):
    users = [register(client) for _ in range(2)]
    gone, kept = insert_track_record(db), insert_track_record(db)
    playlist_ids = []
    for _, token in users:
        client.put(f"/api/v1/me/favorites/{gone}", headers=bearer(token))
        client.post("/api/v1/me/history", headers=bearer(token),
                    json={"track_id": str(gone), "position": 2})
        playlist = client.post("/api/v1/playlists", headers=bearer(token),
                               json={"name": "Mixed", "track_ids": [str(gone), str(kept)]})
        playlist_ids.append(ObjectId(playlist.get_json()["id"]))
    events = []
    sync.subscribe(app, lambda user_id, kind, data: events.append((user_id, kind)))
    delete_track_record(db, gone)

    with app.app_context():
        forget_track(gone)

    assert db.favorites.count_documents({}) == 0
    assert db.history.count_documents({}) == 0
    for playlist_id in playlist_ids:
        doc = db.playlists.find_one({"_id": playlist_id})
        assert doc["track_ids"] == [kept] and doc["version"] == 2
    assert sorted(events) == sorted(
        [(user["id"], kind) for user, _ in users
         for kind in ("favorites.changed", "playlist.changed")])
