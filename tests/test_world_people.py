"""bench/world_people.py seeds documents the API reads as the server's own (small sizes)."""

from bench.world_people import seed_people
from server.personal import journal
from tests.accounts_helpers import bearer, insert_track_record


def seeded(app, db):
    track_ids = [insert_track_record(db) for _ in range(12)]
    with app.app_context():
        people = seed_people(app, db, track_ids, users=2, favorites_per_user=3,
                             history_per_user=4, playlists_per_user=2, playlist_size=3,
                             receivers=4, messages=8, tokens=6)
    return people


def test_a_seeded_world_reads_back_through_the_api(app, client, db):
    people = seeded(app, db)
    auth = bearer(people["tokens"][0])
    journal._cache.clear()  # as a process that meets these users cold
    assert client.get("/api/v1/me/favorites", headers=auth).get_json()["total"] == 3
    history = client.get("/api/v1/me/history", headers=auth).get_json()
    assert history["total"] == 4
    playlists = client.get("/api/v1/playlists", headers=auth).get_json()
    assert playlists["total"] == 2
    playlist = client.get(f"/api/v1/playlists/{people['playlist_ids'][0]}", headers=auth)
    assert len(playlist.get_json()["track_ids"]) == 3
    devices = client.get("/api/v1/devices", headers=auth).get_json()
    assert str(people["device_ids"][0]) in [item["id"] for item in devices["items"]]
    device = people["device_ids"][0]
    messages = client.get(f"/api/v1/conversations/{device}/messages", headers=auth).get_json()
    assert (messages["total"], [m["seq"] for m in messages["items"]]) == (2, [2, 1])
    assert client.get("/api/v1/me/unread", headers=auth).get_json()["unread_total"] == 2


def test_a_seeded_world_takes_new_writes(app, client, db):
    people = seeded(app, db)
    auth = bearer(people["tokens"][1])
    track = insert_track_record(db)
    assert client.put(f"/api/v1/me/favorites/{track}", headers=auth).status_code == 204
    journal._cache.clear()
    favorites = client.get("/api/v1/me/favorites", headers=auth).get_json()
    assert (favorites["total"], favorites["items"][0]["id"]) == (4, str(track))
    device = people["device_ids"][1]
    sent = client.post(f"/api/v1/conversations/{device}/messages", headers=auth,
                       json={"text": "hi"})
    assert sent.get_json()["seq"] == 3
    for extra in people["tokens"]:
        assert client.get("/api/v1/me", headers=bearer(extra)).status_code == 200
