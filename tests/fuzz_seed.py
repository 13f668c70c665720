"""Data for the fuzzing run: a user, an administrator and something of every resource.

Users and tokens are made directly (an administrator cannot sign up); the user's own data
goes through the API itself, so the seed follows the contract rather than the storage.
"""

import io

from PIL import Image

from server.accounts import tokens, users
from tests import builders

PASSWORD = "fuzzing is fun 7"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def ok(response):
    assert response.status_code < 300, (response.status_code, response.get_json())
    return response.get_json()


def seed_library(app, audio_dir):
    """Create identities and data; returns (raw tokens by role, known ids by path parameter)."""
    with app.app_context():
        user = users.create_user("fuzz-user", PASSWORD)
        admin = users.create_user("fuzz-admin", PASSWORD, is_admin=True)
        user_token = tokens.issue_token(user["_id"])
        admin_token = tokens.issue_token(admin["_id"])
    # Real audio (one with a cover), so media operations serve real bytes.
    track_ids = [str(builders.make_track(app, audio_dir, title=f"Seed {n}", freq=300 + n * 40,
                                         category=("Stories", "Songs")[n % 2], cover=n == 0,
                                         tags=["seed"])["_id"]) for n in range(3)]
    client, auth = app.test_client(), bearer(user_token)
    ids = {"track_id": track_ids, **seed_personal(client, auth, track_ids),
           **seed_devices(client, auth), "user_id": [str(user["_id"])]}
    seed_avatar(client, auth)
    return {"anonymous": None, "user": user_token, "admin": admin_token}, ids


def seed_personal(client, auth, track_ids):
    ok(client.put(f"/api/v1/me/favorites/{track_ids[0]}", headers=auth))
    playlist = ok(client.post("/api/v1/playlists", json={"name": "Seeded",
                                                         "track_ids": track_ids}, headers=auth))
    ok(client.post("/api/v1/me/history", json={"track_id": track_ids[1], "position": 12.5,
                                                "completed": False}, headers=auth))
    return {"playlist_id": [playlist["id"]]}


def seed_devices(client, auth):
    """A receiver paired with the user (it stays offline: no socket)."""
    registered = ok(client.post("/api/v1/devices", json={"name": "Kitchen speaker"}))
    device = ok(client.post("/api/v1/devices/pair", json={"code": registered["pairing_code"],
                                                          "name": "Kitchen"}, headers=auth))
    return {"device_id": [device["id"]]}


def seed_avatar(client, auth):
    image = io.BytesIO()
    Image.new("RGB", (64, 64), (31, 138, 112)).save(image, "PNG")
    image.seek(0)
    ok(client.post("/api/v1/me/avatar", data={"avatar": (image, "avatar.png")}, headers=auth,
                   content_type="multipart/form-data"))
