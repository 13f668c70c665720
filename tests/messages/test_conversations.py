"""Text messages, paging, read markers, unread counts, and who may see a conversation."""

import json

import pytest
from bson import ObjectId

from server.messages import messages, service
from server.realtime.hub import get_hub, household_group
from tests.messages.support import (
    bearer,
    ffmpeg_clip,
    make_device,
    make_user,
    media_files,
    send_clip,
)


def url(device_id, tail="/messages"):
    return f"/api/v1/conversations/{device_id}{tail}"


def send(client, device_id, token, text):
    return client.post(url(device_id), json={"text": text}, headers=bearer(token))


def test_text_from_phone_reaches_the_receivers_list(client, owner, device):
    sent = send(client, device[0]["_id"], owner[1], "  Dinner is ready  ")
    assert sent.status_code == 201
    message = sent.get_json()
    assert message["text"] == "Dinner is ready"
    assert (message["from"], message["kind"], message["seq"]) == ("user", "text", 1)
    assert message["audio_url"] is None and message["duration"] is None
    listed = client.get(url(device[0]["_id"]), headers=bearer(device[1])).get_json()
    assert listed["total"] == 1
    assert listed["items"] == [message]


def test_list_is_newest_first_and_paged(client, owner, device):
    device_id = device[0]["_id"]
    for n in range(5):
        token = owner[1] if n % 2 == 0 else device[1]
        assert send(client, device_id, token, f"message {n}").status_code == 201
    first = client.get(url(device_id) + "?per_page=2", headers=bearer(owner[1])).get_json()
    second = client.get(url(device_id) + "?per_page=2&page=2",
                        headers=bearer(owner[1])).get_json()
    assert [m["text"] for m in first["items"]] == ["message 4", "message 3"]
    assert [m["text"] for m in second["items"]] == ["message 2", "message 1"]
    assert (first["total"], first["page"], first["per_page"]) == (5, 1, 2)


def test_empty_conversation_lists_nothing(client, owner, device):
    listed = client.get(url(device[0]["_id"]), headers=bearer(owner[1])).get_json()
    assert listed == {"items": [], "total": 0, "page": 1, "per_page": 20}
    summary = client.get(url(device[0]["_id"], ""), headers=bearer(device[1])).get_json()
    assert summary["unread"] == 0 and summary["last_message_at"] is None


def test_unread_counts_follow_each_sides_read_marker(client, owner, device):
    device_id = device[0]["_id"]
    for text in ("one", "two", "three"):
        send(client, device_id, owner[1], text)
    send(client, device_id, device[1], "reply")
    assert client.get(url(device_id, ""), headers=bearer(device[1])).get_json()["unread"] == 3
    mine = client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()
    assert mine["items"][0]["device_id"] == str(device_id)
    assert (mine["items"][0]["unread"], mine["unread_total"]) == (1, 1)

    partly = client.post(url(device_id, "/read"), json={"up_to_seq": 2},
                         headers=bearer(device[1])).get_json()
    assert (partly["unread"], partly["read_seq"]) == (1, 2)
    read = client.post(url(device_id, "/read"), headers=bearer(device[1])).get_json()
    assert (read["unread"], read["read_seq"]) == (0, 4)
    # The receiver reading does not read the phone's side.
    assert client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()["unread_total"] == 1
    client.post(url(device_id, "/read"), headers=bearer(owner[1]))
    assert client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()["unread_total"] == 0


def test_each_message_carries_the_running_tally_the_counts_come_from(client, db, owner,
                                                                     device):
    device_id = device[0]["_id"]
    senders = [owner, owner, device, owner, device, device, owner]
    for n, (_, token) in enumerate(senders):
        send(client, device_id, token, f"m{n}")
    stored = sorted(db.messages.find({"device_id": device_id}), key=lambda doc: doc["seq"])
    assert [doc["tally"] for doc in stored][-3:] == [
        {"user": 3, "device": 2}, {"user": 3, "device": 3}, {"user": 4, "device": 3}]
    client.post(url(device_id, "/read"), json={"up_to_seq": 3}, headers=bearer(owner[1]))
    client.post(url(device_id, "/read"), json={"up_to_seq": 5}, headers=bearer(device[1]))
    # After seq 3 the receiver sent 5 and 6; after seq 5 the phones sent 7.
    assert client.get("/api/v1/me/unread",
                      headers=bearer(owner[1])).get_json()["unread_total"] == 2
    assert client.get(url(device_id, ""), headers=bearer(device[1])).get_json()["unread"] == 1


def test_messages_stored_before_tallies_count_alike_and_init_db_tallies_them(
        app, client, db, runner, owner, device):
    device_id = device[0]["_id"]
    for _, token in [owner, device, device, owner, device]:
        send(client, device_id, token, "before tallies")
    db.messages.update_many({"device_id": device_id}, {"$unset": {"tally": ""}})
    messages._docs.clear()  # this process's copies, as a process started afresh has none

    def unread():
        return client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()["unread_total"]

    assert unread() == 3
    send(client, device_id, device[1], "after, on top of an untallied one")
    assert unread() == 4
    assert runner.invoke(args=["init-db"]).exit_code == 0
    messages._docs.clear()
    stored = sorted(db.messages.find({"device_id": device_id}), key=lambda doc: doc["seq"])
    assert stored[-1]["tally"] == {"user": 2, "device": 4}
    assert unread() == 4
    send(client, device_id, device[1], "tallied again")
    assert db.messages.find_one({"_id": f"{stored[0]['conversation_id']}:7"})["tally"] == {
        "user": 2, "device": 5}
    assert unread() == 5


def test_read_marker_never_moves_back(client, owner, device):
    device_id = device[0]["_id"]
    for text in ("one", "two"):
        send(client, device_id, owner[1], text)
    client.post(url(device_id, "/read"), headers=bearer(device[1]))
    back = client.post(url(device_id, "/read"), json={"up_to_seq": 1}, headers=bearer(device[1]))
    assert back.get_json()["read_seq"] == 2


@pytest.mark.parametrize("body", [{"up_to_seq": -1}, {"up_to_seq": "2"}, {"up_to_seq": True},
                                  {"up_to_seq": 1.5}])
def test_bad_read_marker_is_422(client, owner, device, body):
    response = client.post(url(device[0]["_id"], "/read"), json=body, headers=bearer(owner[1]))
    assert response.status_code == 422
    assert "up_to_seq" in response.get_json()["error"]["details"]["fields"]


def test_text_of_2000_characters_is_fine_and_2001_is_422(client, owner, device):
    assert send(client, device[0]["_id"], owner[1], "x" * 2000).status_code == 201
    response = send(client, device[0]["_id"], owner[1], "x" * 2001)
    assert response.status_code == 422
    assert "2000" in response.get_json()["error"]["details"]["fields"]["text"]


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "   "}, {"text": 5},
                                  {"text": None}, {"text": ["hi"]}])
def test_bad_text_is_422(client, owner, device, body):
    response = client.post(url(device[0]["_id"]), json=body, headers=bearer(owner[1]))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_failed"


def test_not_json_is_415_and_broken_json_is_400(client, owner, device):
    plain = client.post(url(device[0]["_id"]), data="hello", headers=bearer(owner[1]),
                        content_type="text/plain")
    broken = client.post(url(device[0]["_id"]), data="{nope", headers=bearer(owner[1]),
                         content_type="application/json")
    assert (plain.status_code, broken.status_code) == (415, 400)


def test_someone_elses_device_is_404_everywhere(app, client, db, device):
    stranger = make_user(app, "stranger")
    device_id = device[0]["_id"]
    for response in (send(client, device_id, stranger[1], "hi"),
                     client.get(url(device_id), headers=bearer(stranger[1])),
                     client.get(url(device_id, ""), headers=bearer(stranger[1])),
                     client.post(url(device_id, "/read"), headers=bearer(stranger[1]))):
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
    assert db.messages.count_documents({}) == 0


def test_a_receiver_sees_only_its_own_conversation(client, db, owner, device):
    other, other_token = make_device(db, owner[0]["_id"], "Bedroom")
    assert send(client, device[0]["_id"], other_token, "hi").status_code == 404
    assert client.get(url(device[0]["_id"]), headers=bearer(other_token)).status_code == 404


def test_unknown_device_is_404(client, owner):
    assert send(client, "0" * 24, owner[1], "hi").status_code == 404
    assert send(client, "not-an-id", owner[1], "hi").status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"},
                                     {"Authorization": "Basic abc"}])
def test_missing_or_bad_token_is_401(client, device, headers):
    response = client.post(url(device[0]["_id"]), json={"text": "hi"}, headers=headers)
    assert response.status_code == 401


def test_unpaired_receiver_has_no_conversation(client, db):
    lonely, token = make_device(db, None)
    response = send(client, lonely["_id"], token, "anyone?")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "not_paired"


def test_flood_is_429_with_retry_after(app, client, owner, device):
    app.config["MESSAGE_RATE_LIMIT"] = 3
    for n in range(3):
        assert send(client, device[0]["_id"], owner[1], f"spam {n}").status_code == 201
    flooded = send(client, device[0]["_id"], owner[1], "spam 3")
    assert flooded.status_code == 429
    assert 1 <= int(flooded.headers["Retry-After"]) <= 61
    assert flooded.get_json()["error"]["details"]["limit"] == 3
    # The limit is per side: the receiver may still answer.
    assert send(client, device[0]["_id"], device[1], "stop it").status_code == 201


def test_repaired_receiver_starts_a_new_conversation(app, client, db, owner, device):
    device_id = device[0]["_id"]
    send(client, device_id, device[1], "hello old owner")
    new_owner = make_user(app, "new")
    db.devices.update_one({"_id": device_id}, {"$set": {"household_id": new_owner[0]["_id"]}})
    assert client.get(url(device_id), headers=bearer(new_owner[1])).get_json()["total"] == 0
    assert client.get(url(device_id), headers=bearer(device[1])).get_json()["total"] == 0
    old = client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()
    assert old == {"items": [], "unread_total": 0}


class Recorder:
    """A hub member that records the messages it is sent (stands in for a phone's socket)."""

    def __init__(self):
        self.messages = []

    def send(self, text):
        self.messages.append(json.loads(text))


def test_every_message_and_read_is_published_to_the_household(app, client, owner, device):
    hub = get_hub(app)
    hub.start()
    phone, stranger = Recorder(), Recorder()
    hub.join(phone, household_group(owner[0]["_id"]))
    hub.join(stranger, household_group(ObjectId()))
    device_id = device[0]["_id"]
    message = send(client, device_id, device[1], "I brushed my teeth").get_json()
    client.post(url(device_id, "/read"), headers=bearer(owner[1]))
    first, second = phone.messages
    assert first == {"type": "message.new", "data": {"device_id": str(device_id),
                                                     "message": message}}
    assert second["type"] == "conversation.read"
    assert (second["data"]["side"], second["data"]["unread"]) == ("user", 0)
    assert stranger.messages == []


def test_forgetting_a_device_deletes_its_messages_and_unshared_clips(app, client, db, media_root,
                                                                      owner, device, tmp_path):
    other, other_token = make_device(db, owner[0]["_id"], "Bedroom")
    shared = ffmpeg_clip(tmp_path / "shared.wav", 1)
    only_here = ffmpeg_clip(tmp_path / "own.wav", 1, source="sine=frequency=660")
    for target, token, clip in ((device, device[1], shared), (device, device[1], only_here),
                                ((other,), other_token, shared)):
        assert send_clip(client, target[0]["_id"], token, clip).status_code == 201
    kept = db.messages.find_one({"device_id": other["_id"]})["voice"]["path"]
    gone = {m["voice"]["path"] for m in db.messages.find({"device_id": device[0]["_id"]})} - {kept}
    with app.app_context():
        service.forget_device(device[0]["_id"])
    assert db.messages.count_documents({"device_id": device[0]["_id"]}) == 0
    assert db.conversations.count_documents({"device_id": device[0]["_id"]}) == 0
    files = media_files(media_root)
    assert kept in files and not gone & set(files)


def test_unpairing_a_receiver_forgets_its_conversation(client, db, owner, device):
    send(client, device[0]["_id"], owner[1], "bye")
    assert client.delete(f"/api/v1/devices/{device[0]['_id']}",
                         headers=bearer(owner[1])).status_code == 204
    assert db.messages.count_documents({}) == 0 and db.conversations.count_documents({}) == 0
    assert client.get("/api/v1/me/unread", headers=bearer(owner[1])).get_json()["items"] == []
