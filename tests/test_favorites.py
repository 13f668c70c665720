"""PUT/DELETE/GET /api/v1/me/favorites, and the sync events they publish."""

from bson import ObjectId

from server import sync
from tests.accounts_helpers import bearer, insert_track_record, register

TRACK_FIELDS = {"id", "title", "artist", "album", "category", "tags", "duration", "size",
                "mime_type", "content_hash", "has_cover", "audio_url", "cover_url", "thumb_url",
                "play_count", "created_at", "updated_at", "is_favorite", "resume_position",
                "missing", "album_id", "album_artist", "album_artist_id", "artist_id",
                "disc_number", "track_number", "year", "genres"}


def record_events(app):
    events = []
    sync.subscribe(app, lambda user_id, kind, data: events.append((user_id, kind, data)))
    return events


def test_favorites_flow_newest_first(app, client, db):
    events = record_events(app)
    user, token = register(client)
    first, second = insert_track_record(db), insert_track_record(db)
    for track_id in (first, second):
        assert client.put(f"/api/v1/me/favorites/{track_id}",
                          headers=bearer(token)).status_code == 204
    page = client.get("/api/v1/me/favorites", headers=bearer(token)).get_json()
    assert page["total"] == 2 and page["page"] == 1 and page["per_page"] == 20
    assert [item["id"] for item in page["items"]] == [str(second), str(first)]
    assert set(page["items"][0]) == TRACK_FIELDS
    assert page["items"][0]["is_favorite"] is True
    assert page["items"][0]["audio_url"] == f"/media/tracks/{second}/audio"
    assert events == [(user["id"], "favorites.changed", {"track_id": str(first),
                                                         "is_favorite": True}),
                      (user["id"], "favorites.changed", {"track_id": str(second),
                                                         "is_favorite": True})]


def test_favorite_put_and_delete_are_idempotent(app, client, db):
    events = record_events(app)
    _, token = register(client)
    track_id = insert_track_record(db)
    url = f"/api/v1/me/favorites/{track_id}"
    assert client.put(url, headers=bearer(token)).status_code == 204
    assert client.put(url, headers=bearer(token)).status_code == 204
    # One journal entry each way: the repeated calls wrote nothing.
    assert db.personal_entries.count_documents({"kind": "favorites"}) == 1
    assert client.delete(url, headers=bearer(token)).status_code == 204
    assert client.delete(url, headers=bearer(token)).status_code == 204
    assert [entry["on"] for entry in db.personal_entries.find({"kind": "favorites"})] == [
        True, False]
    assert [data["is_favorite"] for _, _, data in events] == [True, False]


def test_favorites_are_paged(client, db):
    _, token = register(client)
    ids = [insert_track_record(db) for _ in range(5)]
    for track_id in ids:
        client.put(f"/api/v1/me/favorites/{track_id}", headers=bearer(token))
    page = client.get("/api/v1/me/favorites?page=2&per_page=2", headers=bearer(token)).get_json()
    assert page["total"] == 5
    assert [item["id"] for item in page["items"]] == [str(ids[2]), str(ids[1])]


def test_favorite_of_a_missing_track_is_404(client):
    _, token = register(client)
    response = client.put(f"/api/v1/me/favorites/{ObjectId()}", headers=bearer(token))
    assert response.status_code == 404
    assert client.put("/api/v1/me/favorites/nope", headers=bearer(token)).status_code == 404


def test_favorites_are_per_user(client, db):
    _, alice = register(client)
    _, bob = register(client)
    track_id = insert_track_record(db)
    client.put(f"/api/v1/me/favorites/{track_id}", headers=bearer(alice))
    assert client.get("/api/v1/me/favorites", headers=bearer(bob)).get_json()["total"] == 0
    client.delete(f"/api/v1/me/favorites/{track_id}", headers=bearer(bob))
    assert client.get("/api/v1/me/favorites", headers=bearer(alice)).get_json()["total"] == 1


def test_favorites_need_a_token(client, db):
    track_id = insert_track_record(db)
    assert client.get("/api/v1/me/favorites").status_code == 401
    assert client.put(f"/api/v1/me/favorites/{track_id}").status_code == 401


def test_bad_paging_is_422(client):
    _, token = register(client)
    response = client.get("/api/v1/me/favorites?per_page=1000", headers=bearer(token))
    assert response.status_code == 422
