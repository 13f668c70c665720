"""Through nginx: a phone on one process drives a receiver on the other; the socket lives on."""

import time

from tests.front.http import json_call, request
from tests.realtime.peers import Peer

PASSWORD = "front-door-pass-9"


def opened_on(processes, marker):
    """How many 'ws … open …' lines naming marker each process has logged."""
    return [process.log_path.read_text().count(marker) for process in processes]


def connect_on(front, processes, query, marker, wanted):
    """A Peer through nginx that landed on processes[wanted] (round robin: retry until it does)."""
    for _ in range(6):
        before = opened_on(processes, marker)
        peer = Peer(f"ws://127.0.0.1:{front.port}/ws?{query}")
        peer.expect("hello")
        after = opened_on(processes, marker)
        landed = [b - a for a, b in zip(before, after, strict=True)].index(1)
        if landed == wanted:
            return peer
        peer.close()
    raise AssertionError("nginx never sent the socket to the wanted process")


def sign_up(front, name):
    status, body = json_call(front.port, "POST", "/api/v1/auth/register",
                             {"username": name, "password": PASSWORD})
    assert status == 201, body
    return body["user"], body["token"]


def test_phone_on_a_drives_receiver_on_b(front_stack, make_track, app):
    front, first, second = front_stack
    processes = (first, second)
    user, token = sign_up(front, "frontphone")
    status, registration = json_call(front.port, "POST", "/api/v1/devices", {"name": "Hall"})
    assert status == 201
    phone = connect_on(front, processes, f"token={token}", f"open app user:{user['id']}", 0)
    status, device = json_call(front.port, "POST", "/api/v1/devices/pair",
                               {"code": registration["pairing_code"]}, token=token)
    assert status == 200
    receiver = connect_on(front, processes, f"device_token={registration['device_token']}",
                          f"open receiver device:{device['id']}", 1)
    try:
        time.sleep(5)  # over two heartbeats of idle: the proxy must keep the sockets open
        assert not phone.closed.is_set() and not receiver.closed.is_set()
        track = make_track(title="Across", seconds=1.0, freq=500)
        phone.send("command", {"device_id": device["id"], "action": "play",
                               "track_ids": [str(track["_id"])]}, msg_id="p1")
        assert phone.expect_reply("p1")["type"] == "ack"
        command = receiver.expect("command")["data"]
        assert command["audio_url"] == f"{front.url}/media/tracks/{track['_id']}/audio"
        status, _, body = request(front.port, "GET", command["audio_url"][len(front.url):])
        assert status == 200 and body[:3] == b"ID3"

        receiver.send("state", {"status": "playing", "track_id": str(track["_id"]),
                                "position": 0.5, "duration": 1.0, "volume": 1,
                                "event": "started"})
        state = phone.expect("device.state")["data"]["state"]
        assert state["status"] == "playing"
    finally:
        receiver.close()
        phone.close()
