"""`init-db` converts documents of the old shapes, and the API reads them as before."""

import hashlib
from datetime import timedelta

from bson import ObjectId

from server.devices import devices
from server.jsonutil import utcnow
from tests.accounts_helpers import bearer, insert_track_record

RAW_TOKEN = "an-old-raw-token"


def old_world(db):
    """A user with an old token, favorites, history, a playlist, a receiver and messages."""
    now = utcnow()
    user_id = ObjectId()
    db.users.insert_one({"_id": user_id, "username": "olda", "username_key": "olda",
                         "password_hash": "unused", "nickname": "Olda", "is_admin": False,
                         "created_at": now, "updated_at": now})
    db.tokens.insert_one({"token_hash": hashlib.sha256(RAW_TOKEN.encode()).hexdigest(),
                          "user_id": user_id, "created_at": now,
                          "expires_at": now + timedelta(days=1)})
    tracks = [insert_track_record(db) for _ in range(3)]
    db.favorites.insert_many([{"user_id": user_id, "track_id": track,
                               "created_at": now + timedelta(seconds=n)}
                              for n, track in enumerate(tracks[:2])])
    db.history.insert_one({"user_id": user_id, "track_id": tracks[2], "position": 42.0,
                           "completed": False, "played_at": now})
    playlist_id = db.playlists.insert_one({
        "owner_id": user_id, "name": "Old mix", "track_ids": tracks, "version": 3,
        "created_at": now, "updated_at": now}).inserted_id
    device, _ = devices.new_device("Old box")
    device["owner_id"] = user_id
    db.devices.insert_one(device)
    conversation = db.conversations.insert_one({
        "device_id": device["_id"], "user_id": user_id, "last_seq": 2, "user_read_seq": 0,
        "device_read_seq": 0, "created_at": now, "last_message_at": now}).inserted_id
    # Seq 2 twice: the old $inc lost a write.
    db.messages.insert_many([{"conversation_id": conversation, "device_id": device["_id"],
                              "user_id": user_id, "seq": seq, "sender": "device", "kind": "text",
                              "text": f"hello {n}", "created_at": now + timedelta(seconds=n)}
                             for n, seq in enumerate([1, 2, 2])])
    return tracks, playlist_id, device["_id"]


def test_init_db_converts_old_documents(app, client, db, runner):
    with app.app_context():
        tracks, playlist_id, device_id = old_world(db)
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    auth = bearer(RAW_TOKEN)
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    favorites = client.get("/api/v1/me/favorites", headers=auth).get_json()
    assert [item["id"] for item in favorites["items"]] == [str(tracks[1]), str(tracks[0])]
    history = client.get("/api/v1/me/history", headers=auth).get_json()["items"]
    assert [(item["track"]["id"], item["position"]) for item in history] == [(str(tracks[2]), 42)]
    playlist = client.get(f"/api/v1/playlists/{playlist_id}", headers=auth).get_json()
    assert (playlist["track_ids"], playlist["version"]) == ([str(t) for t in tracks], 3)
    assert client.get("/api/v1/playlists", headers=auth).get_json()["total"] == 1
    assert [d["id"] for d in client.get("/api/v1/devices", headers=auth).get_json()["items"]] == [
        str(device_id)]
    messages = client.get(f"/api/v1/conversations/{device_id}/messages",
                          headers=auth).get_json()["items"]
    assert [(m["seq"], m["text"]) for m in messages] == [(3, "hello 2"), (2, "hello 1"),
                                                         (1, "hello 0")]
    assert client.get("/api/v1/me/unread", headers=auth).get_json()["unread_total"] == 3
    # The owner founded a household (with the owner's id) that now holds the receiver.
    household = client.get("/api/v1/household", headers=auth).get_json()
    assert (household["id"], household["role"]) == (str(db.users.find_one()["_id"]), "adult")
    stored = db.devices.find_one({"_id": device_id})
    assert "owner_id" not in stored and str(stored["household_id"]) == household["id"]


def test_init_db_twice_changes_nothing_more(app, client, db, runner):
    with app.app_context():
        old_world(db)
    assert runner.invoke(args=["init-db"]).exit_code == 0
    entries = db.personal_entries.count_documents({})
    again = runner.invoke(args=["init-db"])
    assert again.exit_code == 0, again.output
    assert "migrated: 0 tokens, 0 favorites, 0 history, 0 playlists" in again.output
    assert db.personal_entries.count_documents({}) == entries
