"""/ws end to end over real sockets: delivery, queue, state, presence."""

import json
import socket

import websocket

from tests.realtime.conftest import HEARTBEAT_SECONDS, call, register


def open_pair(make_user, paired, connect, name="ana"):
    """(app peer, receiver peer, device JSON, token) with both hellos consumed."""
    _, token = make_user(name)
    registration, device = paired(token)
    app_peer = connect(f"token={token}")
    app_peer.expect("hello")
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    app_peer.expect("device.presence", where=lambda d: d["online"])
    return app_peer, receiver, device, token


def play(peer, device, track_ids, mode="now", msg_id="c1", **extra):
    peer.send("command", {"device_id": device["id"], "action": "play", "track_ids": track_ids,
                          "mode": mode, **extra}, msg_id=msg_id)
    return peer.expect_reply(msg_id)


def test_app_hello_lists_devices_with_presence(rt_server, make_user, paired, connect):
    _, token = make_user("ana")
    _, device = paired(token)
    hello = connect(f"token={token}").expect("hello")["data"]
    assert hello["user"]["username"] == "ana"
    assert [(d["id"], d["online"]) for d in hello["devices"]] == [(device["id"], False)]
    assert hello["heartbeat_seconds"] == 2


def test_command_reaches_the_receiver_with_an_audio_url(rt_server, make_user, paired, connect,
                                                        make_track):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    track = make_track()
    assert play(app_peer, device, [track], position=12.5)["type"] == "ack"
    command = receiver.expect("command")["data"]
    assert command["action"] == "play" and command["track_id"] == track
    assert command["audio_url"] == f"{rt_server.url}/media/tracks/{track}/audio"
    assert command["position"] == 12.5
    queue = app_peer.expect("device.queue")["data"]["queue"]
    assert queue == {"track_ids": [track], "index": 0}


def test_simple_actions_are_relayed(rt_server, make_user, paired, connect):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    for n, (action, extra) in enumerate([("pause", {}), ("resume", {}), ("seek", {"position": 30}),
                                         ("volume", {"volume": 0.25}), ("stop", {})]):
        app_peer.send("command", {"device_id": device["id"], "action": action, **extra},
                      msg_id=f"m{n}")
        assert app_peer.expect_reply(f"m{n}")["type"] == "ack"
        command = receiver.expect("command")["data"]
        assert command == {"action": action, "device_id": device["id"], **extra}


def test_queue_modes_now_next_last(rt_server, make_user, paired, connect, make_track):
    app_peer, receiver, device, token = open_pair(make_user, paired, connect)
    a, b, c, d, e = (make_track(t) for t in "abcde")
    play(app_peer, device, [a, b], "now", "1")
    play(app_peer, device, [c], "last", "2")
    play(app_peer, device, [d], "next", "3")
    queue = app_peer.expect("device.queue", where=lambda q: len(q["queue"]["track_ids"]) == 4)
    assert queue["data"]["queue"] == {"track_ids": [a, d, b, c], "index": 0}
    play(app_peer, device, [e], "now", "4")
    receiver.expect("command", where=lambda cmd: cmd["track_id"] == e)
    status, body = call(rt_server, "GET", f"/api/v1/devices/{device['id']}", token=token)
    assert body["queue"] == {"track_ids": [e], "index": 0}


def test_next_prev_and_queue_end(rt_server, make_user, paired, connect, make_track):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    a, b = make_track("a"), make_track("b")
    play(app_peer, device, [a, b])
    app_peer.send("command", {"device_id": device["id"], "action": "next"}, msg_id="n")
    assert app_peer.expect_reply("n")["type"] == "ack"
    assert receiver.expect("command", where=lambda c: c["track_id"] == b)["data"]["position"] == 0
    app_peer.send("command", {"device_id": device["id"], "action": "next"}, msg_id="n2")
    assert app_peer.expect_reply("n2")["data"]["code"] == "queue_end"
    app_peer.send("command", {"device_id": device["id"], "action": "prev"}, msg_id="p")
    assert app_peer.expect_reply("p")["type"] == "ack"
    receiver.expect("command", where=lambda c: c["action"] == "play" and c["track_id"] == a)


def test_queue_survives_a_receiver_restart(rt_server, make_user, paired, connect, make_track):
    _, token = make_user("ana")
    registration, device = paired(token)
    app_peer = connect(f"token={token}")
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    a, b = make_track("a"), make_track("b")
    play(app_peer, device, [a, b])
    play(app_peer, device, [b], "next", "c2")
    receiver.close()
    app_peer.expect("device.presence", where=lambda d: not d["online"])

    again = connect(f"device_token={registration['device_token']}")
    hello = again.expect("hello")["data"]
    assert hello["device"]["queue"] == {"track_ids": [a, b, b], "index": 0}
    assert hello["current"] == {"track_id": a,
                                "audio_url": f"{rt_server.url}/media/tracks/{a}/audio"}


def test_state_reaches_every_session_of_the_owner_only(rt_server, make_user, paired, connect,
                                                       make_track):
    app_peer, receiver, device, token = open_pair(make_user, paired, connect)
    second = connect(f"token={token}")
    second.expect("hello")
    _, stranger_token = make_user("eve")
    stranger = connect(f"token={stranger_token}")
    stranger.expect("hello")
    track = make_track()
    receiver.send("state", {"status": "playing", "track_id": track, "position": 3.5,
                            "duration": 180, "volume": 0.8, "event": "started"}, msg_id="s1")
    assert receiver.expect_reply("s1")["type"] == "ack"
    for peer in (app_peer, second):
        state = peer.expect("device.state")["data"]
        assert state["device_id"] == device["id"]
        assert state["state"]["status"] == "playing" and state["state"]["track_id"] == track
        assert state["state"]["event"] == "started"
    stranger.assert_nothing("device.state", 0.5)


def test_ended_advances_the_queue(rt_server, make_user, paired, connect, make_track):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    a, b = make_track("a"), make_track("b")
    play(app_peer, device, [a, b])
    receiver.expect("command", where=lambda c: c["track_id"] == a)
    receiver.send("state", {"status": "stopped", "track_id": a, "position": 180, "duration": 180,
                            "volume": 1, "event": "ended"})
    receiver.expect("command", where=lambda c: c["action"] == "play" and c["track_id"] == b)
    app_peer.expect("device.queue", where=lambda q: q["queue"]["index"] == 1)


def test_presence_on_disconnect(rt_server, make_user, paired, connect):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    receiver.close()
    message = app_peer.expect("device.presence", where=lambda d: not d["online"])
    assert message["data"]["device_id"] == device["id"]


def test_presence_on_kill_without_close_frame(rt_server, make_user, paired, connect):
    app_peer, receiver, device, _ = open_pair(make_user, paired, connect)
    receiver.ws.sock.shutdown(socket.SHUT_RDWR)
    app_peer.expect("device.presence", where=lambda d: not d["online"])


def test_silent_peer_is_dropped_by_heartbeat(rt_server, make_user, paired, connect):
    _, token = make_user("ana")
    registration, device = paired(token)
    app_peer = connect(f"token={token}")
    app_peer.expect("hello")
    mute = connect(f"device_token={registration['device_token']}", answer_pings=False)
    app_peer.expect("device.presence", where=lambda d: d["online"])
    app_peer.expect("device.presence", where=lambda d: not d["online"])
    mute.wait_closed()
    status, body = call(rt_server, "GET", f"/api/v1/devices/{device['id']}", token=token)
    assert body["online"] is False


def test_rest_command_fallback(rt_server, make_user, paired, connect, make_track):
    app_peer, receiver, device, token = open_pair(make_user, paired, connect)
    track = make_track()
    path = f"/api/v1/devices/{device['id']}/commands"
    status, body = call(rt_server, "POST", path, {"action": "play", "track_ids": [track]},
                        token=token)
    assert (status, body) == (202, {"status": "sent"})
    assert receiver.expect("command")["data"]["track_id"] == track
    receiver.close()
    app_peer.expect("device.presence", where=lambda d: not d["online"])
    status, body = call(rt_server, "POST", path, {"action": "pause"}, token=token)
    assert status == 409 and body["error"]["code"] == "device_offline"


def test_rest_command_for_someone_elses_device_is_a_plain_404(rt_server, make_user, paired,
                                                               connect):
    _, _, device, _ = open_pair(make_user, paired, connect)
    _, other = make_user("eve")
    theirs = call(rt_server, "POST", f"/api/v1/devices/{device['id']}/commands",
                  {"action": "pause"}, token=other)
    missing = call(rt_server, "POST", f"/api/v1/devices/{'a' * 24}/commands",
                   {"action": "pause"}, token=other)
    assert theirs == missing
    assert theirs[0] == 404 and theirs[1]["error"]["code"] == "not_found"


def test_a_chatty_peer_still_hears_the_heartbeat(rt_server):
    # The server pinged only a silent peer: a receiver reporting state that no one commanded
    # heard nothing at all, and a client waiting for the server's word timed out (the soak's
    # "socket_lost receiver"). Now it hears a ping within half an interval of our last word.
    registration = register(rt_server)
    ws = websocket.create_connection(
        f"{rt_server.ws_url}/ws?device_token={registration['device_token']}", timeout=15)
    try:
        assert json.loads(ws.recv())["type"] == "hello"
        ws.settimeout(0.2)
        heard = []
        for position in range(int(HEARTBEAT_SECONDS * 4 / 0.2)):  # two intervals, or more
            ws.send(json.dumps({"type": "state", "data": {
                "status": "playing", "track_id": None, "position": position, "duration": 600,
                "volume": 1}}))
            try:
                heard.append(json.loads(ws.recv())["type"])
            except websocket.WebSocketTimeoutException:
                continue
            if "ping" in heard:
                break
        assert "ping" in heard
    finally:
        ws.close()
