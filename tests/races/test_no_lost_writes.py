"""Issue 17 rows 6-8: racing writes on FerretDB lose nothing (bursts of 100 on a live server)."""

import threading

import pytest

from server.accounts import tokens
from tests.accounts_helpers import PASSWORD, insert_track_record
from tests.races.support import burst, call, insert_users, started_server, statuses
from tests.realtime.peers import Peer


@pytest.fixture(scope="module")
def server(app_config, tmp_path_factory):
    """A live server whose message flood and pairing guess limits are out of the way (a
    code holds its slot until it has paired: 20 pairings at once would fill the allowance)."""
    with started_server(app_config, tmp_path_factory.mktemp("races"), MESSAGE_RATE_LIMIT=1000,
                        PAIRING_GUESSES_PER_ACCOUNT=1000,
                        PAIRING_GUESSES_PER_ADDRESS=1000) as live:
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


def registered_receiver(server):
    """(device id, device token, pairing code) of a receiver registered but not paired."""
    _, _, registration = call(server, "POST", "/api/v1/devices", {"name": "Kitchen"})
    return (registration["device"]["id"], registration["device_token"],
            registration["pairing_code"])


def test_pairings_racing_state_reports_are_never_reverted(server, db):
    """Receivers report their state often while they are paired, and while another
    household's adult tries their codes: no state write undoes a pairing or makes one."""
    rita, sam = signed_up(server, "rita"), signed_up(server, "sam")
    ritas = [paired_receiver(server, rita) for _ in range(10)]
    unpaired = [registered_receiver(server) for _ in range(10)]
    tokens = [token for _, token in ritas] + [token for _, token, _ in unpaired]
    peers = [Peer(f"{server.ws_url}/ws?device_token={device_token}") for device_token in tokens]
    stop = threading.Event()

    def report_state(peer):
        while not stop.is_set():
            peer.send("state", {"status": "playing", "track_id": None, "position": 1.0,
                                "duration": 10.0, "volume": 0.5})
            stop.wait(0.3)  # a receiver reports every few seconds; 20 of them, often

    reporters = [threading.Thread(target=report_state, args=(peer,)) for peer in peers]
    try:
        for peer in peers:
            peer.expect("hello")
        for reporter in reporters:
            reporter.start()
        ritas_codes = [call(server, "POST", "/api/v1/devices/pairing-code", token=token)[2]
                       ["pairing_code"] for _, token in ritas]
        codes = ritas_codes + [code for _, _, code in unpaired]
        results = burst(20, lambda n: call(server, "POST", "/api/v1/devices/pair",
                                           {"code": codes[n]}, token=sam))
        # Rita's receivers are another household's: Sam is offered to join, and takes nothing.
        assert statuses(results[:10]) == {409: 10}
        assert {body["error"]["code"] for _, _, body in results[:10]} \
            == {"household_join_required"}
        assert statuses(results[10:]) == {200: 10}
        stop.wait(1.0)  # more state reports land after the pairings
        stop.set()
        for device_id, _ in ritas:
            assert call(server, "GET", f"/api/v1/devices/{device_id}", token=rita)[0] == 200
            assert call(server, "GET", f"/api/v1/devices/{device_id}", token=sam)[0] == 404
        for device_id, _, _ in unpaired:
            assert call(server, "GET", f"/api/v1/devices/{device_id}", token=sam)[0] == 200
        assert len(call(server, "GET", "/api/v1/devices?per_page=100", token=sam)[2]["items"]) \
            == 10
        assert len(call(server, "GET", "/api/v1/devices?per_page=100", token=rita)[2]["items"]) \
            == 10
    finally:
        stop.set()
        for reporter in reporters:
            if reporter.is_alive():
                reporter.join()
        for peer in peers:
            peer.close()


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
