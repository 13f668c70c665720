"""jukeboxControl drives the user's chosen receiver over /ws, through the app's remote code.

The receiver is a real WebSocket client: it gets the commands, reports its state like the
browser receiver, and jukeboxControl's status shows what it reported.
"""

import json
import time
import urllib.parse
import urllib.request

import pytest
from libopensonic import Connection, errors

from tests.realtime.conftest import call


def rest(server, key, method, pairs):
    query = urllib.parse.urlencode([("apiKey", key), ("f", "json"), *pairs])
    with urllib.request.urlopen(f"{server.url}/rest/{method}?{query}", timeout=20) as response:
        return json.loads(response.read())["subsonic-response"]


@pytest.fixture
def jukebox(rt_server, make_user, make_track, paired, connect):
    """(py-opensonic client, receiver peer, API key, track ids, app token)."""
    user, token = make_user("jukebox-dj")
    status, body = call(rt_server, "POST", "/api/v1/me/subsonic-keys", {"name": "Jukebox"},
                        token)
    assert status == 201, body
    tracks = [make_track(f"Song {n}") for n in range(3)]
    registration, device = paired(token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    status, me = call(rt_server, "PATCH", "/api/v1/me", {"jukebox_device_id": device["id"]},
                      token)
    assert status == 200 and me["jukebox_device_id"] == device["id"], me
    client = Connection("http://127.0.0.1", port=rt_server.port, api_key=body["key"],
                        app_name="jukebox-test")
    yield client, receiver, body["key"], tracks, token
    client.cleanup()
    client._loop.close()


def report(receiver, status, track_id, position=0.0, volume=1.0, event="state_changed"):
    receiver.send("state", {"status": status, "track_id": track_id, "position": position,
                            "duration": 60, "volume": volume, "event": event})


def command(receiver, action):
    return receiver.expect("command", where=lambda data: data["action"] == action)["data"]


def wait_status(client, predicate, tries=50):
    """The jukebox status once the receiver's report has reached it (written within seconds)."""
    for _ in range(tries):
        status = client.jukebox_control("status")
        if predicate(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"jukebox status never matched: {status}")


def test_jukebox_plays_pauses_skips_on_the_receiver(jukebox, rt_server):
    client, receiver, key, tracks, token = jukebox
    client.jukebox_control("add", sids=[f"tr-{t}" for t in tracks])
    play = command(receiver, "play")
    assert play["track_id"] == tracks[0] and play["queue"]["track_ids"] == tracks
    report(receiver, "playing", tracks[0], event="started")
    status = wait_status(client, lambda s: s.playing)
    assert status.current_index == 0

    client.jukebox_control("stop")
    command(receiver, "pause")
    report(receiver, "paused", tracks[0], position=3.0, event="paused")
    wait_status(client, lambda s: not s.playing)

    client.jukebox_control("start")
    command(receiver, "resume")

    client.jukebox_control("skip", index=2, offset=7)
    play = command(receiver, "play")
    assert (play["track_id"], play["position"]) == (tracks[2], 7)
    report(receiver, "playing", tracks[2], position=7.0, event="started")
    assert wait_status(client, lambda s: s.playing and s.current_index == 2)

    client.jukebox_control("setGain", gain=0.25)
    assert command(receiver, "volume")["volume"] == 0.25
    report(receiver, "playing", tracks[2], volume=0.25, event="volume_changed")
    wait_status(client, lambda s: abs(s.gain - 0.25) < 1e-6)

    playlist = client.jukebox_control("get")
    assert [entry.title for entry in playlist.entry] == ["Song 0", "Song 1", "Song 2"]
    # The app's view of the device is the same queue.
    status, devices = call(rt_server, "GET", "/api/v1/devices", token=token)
    assert devices["items"][0]["queue"] == {"track_ids": tracks, "index": 2}


def test_jukebox_queue_edits(jukebox, rt_server):
    client, receiver, key, tracks, token = jukebox
    body = rest(rt_server, key, "jukeboxControl",
                [("action", "set"), *[("id", f"tr-{t}") for t in tracks]])
    assert body["status"] == "ok" and body["jukeboxStatus"]["currentIndex"] == 0
    client.jukebox_control("remove", index=1)
    assert [e.id for e in client.jukebox_control("get").entry] == [f"tr-{tracks[0]}",
                                                                  f"tr-{tracks[2]}"]
    client.jukebox_control("shuffle")
    shuffled = [e.id for e in client.jukebox_control("get").entry]
    assert shuffled[0] == f"tr-{tracks[0]}" and sorted(shuffled) == sorted(
        [f"tr-{tracks[0]}", f"tr-{tracks[2]}"])
    client.jukebox_control("clear")
    command(receiver, "stop")
    assert client.jukebox_control("get").entry in (None, [])
    with pytest.raises(errors.ParameterError):
        client.jukebox_control("skip", index=5)


def test_no_receiver_online_is_error_0(jukebox, rt_server):
    client, receiver, key, tracks, token = jukebox
    receiver.close()
    receiver.closed.wait(10)
    body = None
    for _ in range(50):  # presence ends when the server notices the closed socket
        body = rest(rt_server, key, "jukeboxControl", [("action", "status")])
        if body["status"] == "failed":
            break
        time.sleep(0.2)
    assert body["error"]["code"] == 0 and "not online" in body["error"]["message"]
