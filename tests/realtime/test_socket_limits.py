"""/ws refuses bad credentials and bad input: error replies, 1009, 1008, 4401, not found."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
import websocket

from devtools.ferretdb import free_port
from tests.realtime.conftest import call
from tests.realtime.peers import Peer
from tests.realtime.raw_ws import upgrade_request


def refused_status(url, **options):
    with pytest.raises(websocket.WebSocketBadStatusException) as caught:
        websocket.create_connection(url, timeout=10, **options)
    return caught.value.status_code, json.loads(caught.value.resp_body)["error"]["code"]


@pytest.mark.parametrize("query, code", [
    ("", "auth_required"),
    ("token=not-a-token", "invalid_token"),
    ("device_token=not-a-token", "invalid_device_token"),
    ("token=a&device_token=b", "auth_required"),
])
def test_bad_credentials_are_refused_before_upgrade(rt_server, query, code):
    assert refused_status(f"{rt_server.ws_url}/ws?{query}") == (401, code)


def test_a_refused_handshake_closes_its_connection(rt_server):
    """What a socket client sends after its handshake is frames: a refusal is the connection's
    last answer, not a keep-alive that would parse the next bytes as another request."""
    handshake = upgrade_request("device_token=nonsense")
    health = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    sock = socket.create_connection(("127.0.0.1", rt_server.port), timeout=10)
    received = b""
    with sock:
        sock.sendall(handshake + health)  # kept open, the connection would answer both
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # closed with the health request unread: also a close
    assert received.startswith(b"HTTP/1.1 401 ") and b"invalid_device_token" in received
    assert received.count(b"HTTP/1.1 ") == 1, received


def test_foreign_origin_is_refused(rt_server, make_user):
    _, token = make_user("ana")
    url = f"{rt_server.ws_url}/ws?token={token}"
    assert refused_status(url, origin="http://evil.example") == (403, "origin_not_allowed")


def test_same_origin_and_configured_origins_are_accepted(rt_server, make_user, connect):
    _, token = make_user("ana")
    for origin in (rt_server.url, "null"):
        assert connect(f"token={token}", origin=origin).expect("hello")


def test_plain_http_get_on_ws_is_json_400(client):
    response = client.get("/ws")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


@pytest.fixture
def app_peer(make_user, connect):
    _, token = make_user("ana")
    peer = connect(f"token={token}")
    peer.expect("hello")
    return peer


def assert_still_alive(peer):
    peer.send("ping", msg_id="alive")
    assert peer.expect("pong", where=lambda data: True)["id"] == "alive"


@pytest.mark.parametrize("text, code", [
    ("not json", "bad_message"),
    ("[1, 2]", "bad_message"),
    ('{"type": 5}', "bad_message"),
    ('{"type": "command", "id": 17}', "bad_message"),
    ('{"type": "dance", "data": {}}', "unknown_type"),
    ('{"type": "state", "data": {}}', "unknown_type"),
    ('{"type": "command", "data": []}', "validation_failed"),
])
def test_bad_message_gets_an_error_and_the_connection_lives(app_peer, text, code):
    app_peer.send_text(text)
    assert app_peer.expect("error")["data"]["code"] == code
    assert_still_alive(app_peer)


@pytest.mark.parametrize("data, fields", [
    ({}, {"device_id", "action"}),
    ({"device_id": "x" * 24, "action": "fly"}, {"device_id", "action"}),
    ({"device_id": "a" * 24, "action": "play"}, {"track_ids"}),
    ({"device_id": "a" * 24, "action": "play", "track_ids": ["nope"], "mode": "soon"},
     {"track_ids", "mode"}),
    ({"device_id": "a" * 24, "action": "play", "track_ids": ["a" * 24] * 501}, {"track_ids"}),
    ({"device_id": "a" * 24, "action": "play", "track_ids": ["a" * 24], "position": -1},
     {"position"}),
    ({"device_id": "a" * 24, "action": "seek", "position": "10"}, {"position"}),
    ({"device_id": "a" * 24, "action": "seek", "position": True}, {"position"}),
    ({"device_id": "a" * 24, "action": "volume", "volume": 1.5}, {"volume"}),
])
def test_bad_command_fields_are_named(app_peer, data, fields):
    app_peer.send("command", data, msg_id="bad")
    error = app_peer.expect_reply("bad")
    assert error["type"] == "error"
    assert error["data"]["code"] == "validation_failed"
    assert set(error["data"]["details"]["fields"]) == fields
    assert_still_alive(app_peer)


def test_bad_state_fields_are_named(make_user, paired, connect):
    _, token = make_user("ana")
    registration, _ = paired(token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    receiver.send("state", {"status": "dancing", "track_id": 3, "position": -2, "volume": 9,
                            "duration": "long", "event": "exploded"}, msg_id="s")
    fields = receiver.expect_reply("s")["data"]["details"]["fields"]
    assert set(fields) == {"status", "track_id", "position", "volume", "duration", "event"}
    receiver.send("command", {}, msg_id="c")
    assert receiver.expect_reply("c")["data"]["code"] == "unknown_type"


def test_message_over_16_kib_closes_1009(app_peer):
    app_peer.send("ping", {"padding": "x" * (16 * 1024)})
    assert app_peer.wait_closed() == 1009


def test_message_of_16_kib_is_accepted(app_peer):
    envelope = json.dumps({"type": "ping", "id": "big", "data": {"p": ""}})
    app_peer.send_text(envelope.replace('"p": ""', '"p": "' + "x" * (16 * 1024 - len(envelope))
                                        + '"'))
    assert app_peer.expect("pong")["id"] == "big"


def test_flood_closes_1008(app_peer):
    for _ in range(200):
        try:
            app_peer.send("ping")
        except (websocket.WebSocketException, OSError):
            break
    assert app_peer.wait_closed() == 1008
    assert app_peer.close_reason == "rate limit exceeded"


def test_command_for_someone_elses_device_is_not_found(make_user, paired, connect, make_track):
    _, owner = make_user("ana")
    registration, device = paired(owner)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    _, thief = make_user("eve")
    peer = connect(f"token={thief}")
    peer.expect("hello")
    peer.send("command", {"device_id": device["id"], "action": "play",
                          "track_ids": [make_track()]}, msg_id="steal")
    assert peer.expect_reply("steal")["data"]["code"] == "not_found"
    receiver.assert_nothing("command", 0.5)


def test_command_for_unknown_device(app_peer):
    app_peer.send("command", {"device_id": "a" * 24, "action": "pause"}, msg_id="u")
    assert app_peer.expect_reply("u")["data"]["code"] == "not_found"


def test_play_of_unknown_tracks_names_them(make_user, paired, connect, make_track):
    _, token = make_user("ana")
    registration, device = paired(token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    peer = connect(f"token={token}")
    peer.expect("hello")
    peer.send("command", {"device_id": device["id"], "action": "play",
                          "track_ids": [make_track(), "b" * 24]}, msg_id="t")
    error = peer.expect_reply("t")["data"]
    assert (error["code"], error["details"]) == ("not_found", {"track_ids": ["b" * 24]})
    receiver.assert_nothing("command", 0.5)


def test_removed_device_token_is_refused(rt_server, make_user, paired):
    _, token = make_user("ana")
    registration, device = paired(token)
    call(rt_server, "DELETE", f"/api/v1/devices/{device['id']}", token=token)
    status, code = refused_status(f"{rt_server.ws_url}/ws?device_token="
                                  f"{registration['device_token']}")
    assert (status, code) == (401, "invalid_device_token")


def test_without_the_hook_refusal_is_close_4401(app_config, tmp_path):
    """A server without pre_start_hook (e.g. gunicorn) still refuses: error frame, then 4401."""
    port = free_port()
    env = {key: str(value) for key, value in app_config.items()}
    script = ("from gevent import monkey; monkey.patch_all()\n"
              "from gevent.pywsgi import WSGIServer\n"
              "from geventwebsocket.handler import WebSocketHandler\n"
              "from server import create_app\n"
              f"WSGIServer(('127.0.0.1', {port}), create_app(), "
              "handler_class=WebSocketHandler).serve_forever()\n")
    process = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                peer = Peer(f"ws://127.0.0.1:{port}/ws?token=wrong")
                break
            except (OSError, websocket.WebSocketException):
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert peer.expect("error")["data"]["code"] == "invalid_token"
        assert peer.wait_closed() == 4401
        peer.close()
    finally:
        process.terminate()
        process.wait(10)
