"""The protocol's pure parts without a socket: parsing, validation, queue edits, frames, hub."""

import json
import struct

import pytest
from bson import ObjectId

from server import sync
from server.accounts import users
from server.devices import queue as queues
from server.errors import ApiError, ValidationError
from server.realtime import protocol
from server.realtime.frames import close_frame
from server.realtime.hub import get_hub, user_group

A, B, C = "a" * 24, "b" * 24, "c" * 24


def ids(*hexes):
    return [ObjectId(h) for h in hexes]


def test_parse_defaults_data_to_an_object():
    assert protocol.parse('{"type": "ping"}') == ("ping", None, {})


@pytest.mark.parametrize("text", ["", "{", "null", '"x"', '{"type": null}',
                                  '{"type": "x", "id": "' + "i" * 65 + '"}'])
def test_parse_refuses_non_messages(text):
    with pytest.raises(ApiError) as caught:
        protocol.parse(text)
    assert caught.value.code == "bad_message"


def test_validate_command_accepts_start_position_alias():
    command = protocol.validate_command({"device_id": A, "action": "play", "track_ids": [B],
                                         "start_position": 4})
    assert command == {"device_id": ObjectId(A), "action": "play", "track_ids": ids(B),
                       "mode": "now", "position": 4}


def test_validate_state_fills_defaults():
    state = protocol.validate_state({"status": "idle"})
    assert state == {"status": "idle", "track_id": None, "position": 0, "duration": None,
                     "volume": 1, "event": None}


def test_validate_state_refuses_nan_like_values():
    with pytest.raises(ValidationError):
        protocol.validate_state({"status": "idle", "position": float("inf")})


@pytest.mark.parametrize("mode, expected, starts", [
    ("now", ([C], 0), True),
    ("next", ([A, C, B], 0), False),
    ("last", ([A, B, C], 0), False),
])
def test_queue_play_modes(mode, expected, starts):
    queue = {"track_ids": ids(A, B), "index": 0}
    new, started = queues.play(queue, ids(C), mode)
    assert (new, started) == ({"track_ids": ids(*expected[0]), "index": expected[1]}, starts)


@pytest.mark.parametrize("mode", protocol.MODES)
def test_queue_play_on_empty_queue_starts(mode):
    assert queues.play(queues.EMPTY, ids(A), mode) == ({"track_ids": ids(A), "index": 0}, True)


def test_queue_next_inserts_after_the_current_not_the_start():
    queue = {"track_ids": ids(A, B), "index": 1}
    assert queues.play(queue, ids(C), "next")[0]["track_ids"] == ids(A, B, C)


def test_queue_step_stops_at_the_ends():
    queue = {"track_ids": ids(A, B), "index": 1}
    assert queues.step(queue, 1) is None
    assert queues.step(queue, -1) == {"track_ids": ids(A, B), "index": 0}


def test_close_frame_carries_code_and_reason():
    frame = close_frame(1008, "rate limit exceeded")
    assert frame[0] == 0x88 and frame[1] == len(frame) - 2
    assert struct.unpack("!H", frame[2:4])[0] == 1008
    assert frame[4:] == b"rate limit exceeded"


def test_close_frame_truncates_long_reasons_on_a_character_boundary():
    frame = close_frame(4401, "é" * 100)
    assert len(frame) <= 127
    frame[4:].decode("utf-8")


def test_handle_without_socket_replies_and_publishes(app, db):
    published = []
    with app.app_context():
        user = users.create_user("solo", "secret-password-1")
        session = protocol.Session("app", user["_id"], None, "http://host/")
        replies = protocol.handle(session, '{"type": "command", "id": "1", "data": '
                                  '{"device_id": "' + A + '", "action": "pause"}}',
                                  lambda *args, **kwargs: published.append(args))
    assert replies[0]["type"] == "error" and replies[0]["data"]["code"] == "not_found"
    assert published == []


class Recorder:
    """A hub member that records what it is sent (stands in for a socket connection)."""

    def __init__(self):
        self.texts = []

    def send(self, text):
        self.texts.append(text)

    def close(self, code, reason=""):
        self.texts.append(("closed", code))


def test_sync_events_reach_every_session_of_the_user(app):
    hub = get_hub(app)
    hub.start()
    first, second, stranger = Recorder(), Recorder(), Recorder()
    user_id = ObjectId()
    hub.join(first, user_group(user_id))
    hub.join(second, user_group(user_id))
    hub.join(stranger, user_group(ObjectId()))
    sync.publish(user_id, "favorites.changed", {"track_id": A}, app=app)
    expected = {"type": "favorites.changed", "data": {"track_id": A}}
    assert [json.loads(text) for text in first.texts + second.texts] == [expected, expected]
    assert stranger.texts == []
