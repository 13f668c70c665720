"""Issue 17 rows 6-8: racing writes on FerretDB lose nothing (bursts of 100 on a live server)."""

import threading

import pytest

from server.accounts import tokens
from tests.accounts_helpers import PASSWORD, insert_track_record
from tests.races.support import burst, call, insert_users, started_server, statuses
from tests.realtime.peers import Peer


@pytest.fixture(scope="module")
def server(app_config, tmp_path_factory):
    """A live server whose message flood limit is out of the way."""
    with started_server(app_config, tmp_path_factory.mktemp("races"),
                        MESSAGE_RATE_LIMIT=1000) as live:
        yield live


def signed_up(server, username):
    status, _, body = call(server, "POST", "/api/v1/auth/register",
                           {"username": username, "password": PASSWORD})
    assert status == 201, body
    return body["token"]


def paired_receiver(server, token):
    """(device id, device token) of a receiver registered and paired over the API."""
    _, _, registration = call(server, "POST", "/api/v1/devices", {"name": "Kitchen"})
    status, _, device = call(server, "POST", "/api/v1/devices/pair",
                             {"code": registration["pairing_code"]}, token=token)
    assert status == 200, device
    return device["id"], registration["device_token"]


def test_parallel_messages_get_every_seq_once_and_exact_unread(server, db):
    token = signed_up(server, "mona")
    device_id, device_token = paired_receiver(server, token)
    path = f"/api/v1/conversations/{device_id}/messages"
    results = burst(100, lambda n: call(server, "POST", path, {"text": f"message {n}"},
                                        token=token if n % 2 else device_token))
    assert statuses(results) == {201: 100}
    _, _, listed = call(server, "GET", f"{path}?per_page=100", token=token)
    assert listed["total"] == 100
    assert sorted(item["seq"] for item in listed["items"]) == list(range(1, 101))
    assert sorted(item["text"] for item in listed["items"]) == sorted(
        f"message {n}" for n in range(100))
    phone = call(server, "GET", f"/api/v1/conversations/{device_id}", token=token)[2]
    receiver = call(server, "GET", f"/api/v1/conversations/{device_id}", token=device_token)[2]
    assert (phone["unread"], phone["last_seq"]) == (50, 100)
    assert (receiver["unread"], receiver["last_seq"]) == (50, 100)
    assert call(server, "GET", "/api/v1/me/unread", token=token)[2]["unread_total"] == 50


def test_parallel_queue_additions_are_all_kept(server, db):
    token = signed_up(server, "quinn")
    device_id, device_token = paired_receiver(server, token)
    track = str(insert_track_record(db))
    receiver = Peer(f"{server.ws_url}/ws?device_token={device_token}")
    try:
        receiver.expect("hello")
        command = {"action": "play", "track_ids": [track], "mode": "last"}
        path = f"/api/v1/devices/{device_id}/commands"
        assert call(server, "POST", path, command, token=token)[0] == 202
        results = burst(100, lambda _: call(server, "POST", path, command, token=token))
        assert statuses(results) == {202: 100}
        _, _, device = call(server, "GET", f"/api/v1/devices/{device_id}", token=token)
        assert len(device["queue"]["track_ids"]) == 101
    finally:
        receiver.close()


def test_pairings_racing_state_reports_are_never_reverted(server, db):
    owners = [signed_up(server, "rita"), signed_up(server, "sam")]
    device_id, device_token = paired_receiver(server, owners[0])
    receiver = Peer(f"{server.ws_url}/ws?device_token={device_token}")
    stop = threading.Event()

    def report_state():
        while not stop.is_set():
            receiver.send("state", {"status": "playing", "track_id": None, "position": 1.0,
                                    "duration": 10.0, "volume": 0.5})
            stop.wait(0.07)  # under the socket's 20 messages per second

    reporter = threading.Thread(target=report_state)
    try:
        receiver.expect("hello")
        reporter.start()
        for number in range(20):
            owner = owners[number % 2]
            _, _, code = call(server, "POST", "/api/v1/devices/pairing-code", token=device_token)
            status, _, _ = call(server, "POST", "/api/v1/devices/pair",
                                {"code": code["pairing_code"]}, token=owner)
            assert status == 200
            assert call(server, "GET", f"/api/v1/devices/{device_id}", token=owner)[0] == 200
        stop.set()
        reporter.join()
        # The last pairing stuck: the device is Sam's, and no longer Rita's.
        assert call(server, "GET", f"/api/v1/devices/{device_id}", token=owners[1])[0] == 200
        assert call(server, "GET", f"/api/v1/devices/{device_id}", token=owners[0])[0] == 404
    finally:
        stop.set()
        receiver.close()


def test_a_burst_of_first_plays_of_one_track_all_succeed(server, app, db):
    track = insert_track_record(db)
    with app.app_context():
        listeners = [tokens.issue_token(user["_id"]) for user in insert_users(db, 150, "fan")]
    results = burst(150, lambda n: call(server, "POST", "/api/v1/me/history",
                                        {"track_id": str(track), "position": 3, "completed": False},
                                        token=listeners[n]))
    assert statuses(results) == {200: 150}
    for token in listeners[:10]:
        _, _, history = call(server, "GET", "/api/v1/me/history", token=token)
        assert [(item["track"]["id"], item["position"]) for item in history["items"]] == [
            (str(track), 3)]
