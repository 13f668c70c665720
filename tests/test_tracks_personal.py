"""The library and personal music together: per-user fields on tracks, deletes forgotten."""

from tests.accounts_helpers import bearer, register
from tests.builders import admin_headers


def test_signed_in_tracks_carry_favorite_and_resume_position(client, make_track):
    track = make_track(title="Lullaby", seconds=2.0)
    track_id = str(track["_id"])
    _, token = register(client)
    assert client.put(f"/api/v1/me/favorites/{track_id}", headers=bearer(token)).status_code == 204
    report = {"track_id": track_id, "position": 1.25, "completed": False}
    assert client.post("/api/v1/me/history", json=report, headers=bearer(token)).status_code == 200

    mine = client.get(f"/api/v1/tracks/{track_id}", headers=bearer(token)).get_json()
    assert mine["is_favorite"] is True
    assert mine["resume_position"] == 1.25
    listed = client.get("/api/v1/tracks", headers=bearer(token)).get_json()["items"][0]
    assert (listed["is_favorite"], listed["resume_position"]) == (True, 1.25)

    anonymous = client.get(f"/api/v1/tracks/{track_id}").get_json()
    assert "is_favorite" not in anonymous and "resume_position" not in anonymous
    assert anonymous["play_count"] == 1


def test_deleted_track_leaves_favorites_and_playlists(app, client, make_track):
    track_id = str(make_track(title="Gone Soon")["_id"])
    _, token = register(client)
    client.put(f"/api/v1/me/favorites/{track_id}", headers=bearer(token))
    playlist = client.post("/api/v1/playlists", json={"name": "Mix"},
                           headers=bearer(token)).get_json()
    client.post(f"/api/v1/playlists/{playlist['id']}/tracks", json={"track_ids": [track_id]},
                headers=bearer(token))

    assert client.delete(f"/api/v1/tracks/{track_id}",
                         headers=admin_headers(app)).status_code == 204
    favorites = client.get("/api/v1/me/favorites", headers=bearer(token)).get_json()
    assert favorites["total"] == 0
    kept = client.get(f"/api/v1/playlists/{playlist['id']}", headers=bearer(token)).get_json()
    assert kept["track_ids"] == []
