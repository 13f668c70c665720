"""The rules API and its checks on commands, against the live server (real clock)."""

import pytest
from bson import ObjectId

from server.library.catalogue import journal
from tests.realtime.conftest import call
from tests.realtime.test_socket import open_pair


@pytest.fixture
def categorised(db):
    """categorised(title, category, album=None) -> track id hex."""
    def make(title, category, album=None):
        doc = {"_id": ObjectId(), "title": title, "category": category, "album": album}
        db.tracks.insert_one(doc)
        journal.record_upserts(db, [doc])
        return str(doc["_id"])

    return make


def rules_path(device, what="rules"):
    return f"/api/v1/devices/{device['id']}/{what}"


@pytest.mark.parametrize("body, field", [
    ({"quiet_time": [{"day": "mon", "start": "19:00", "end": "07:00"},
                     {"day": "mon", "start": "20:00", "end": "21:00"}]}, "quiet_time[1]"),
    ({"time_zone": "Europe/Atlantis"}, "time_zone"),
    ({"daily_limit_minutes": -5}, "daily_limit_minutes"),
    ({"bedtime": {"mode": "track", "track_ids": ["0" * 24]}}, "bedtime.track_ids"),
    ({"wake": {"track_id": "f" * 24}}, "wake.track_id"),
])
def test_bad_rules_are_422_naming_the_field(rt_server, make_user, paired, body, field):
    _, token = make_user("ana")
    _, device = paired(token)
    status, answer = call(rt_server, "PUT", rules_path(device), body, token=token)
    assert status == 422 and field in answer["error"]["details"]["fields"], answer


def test_another_users_receiver_is_not_found(rt_server, make_user, paired):
    _, owner = make_user("ana")
    _, stranger = make_user("bob")
    _, device = paired(owner)
    for method, what, body in [("GET", "rules", None), ("PUT", "rules", {}),
                               ("POST", "bonus", {"minutes": 15}), ("GET", "report", None)]:
        status, answer = call(rt_server, method, rules_path(device, what), body, token=stranger)
        assert (status, answer["error"]["code"]) == (404, "not_found"), (method, what)


@pytest.mark.parametrize("minutes", [20, 0, -15, "15", None, 10 ** 9])
def test_bonus_is_15_30_or_60_minutes(rt_server, make_user, paired, minutes):
    _, token = make_user("ana")
    _, device = paired(token)
    status, answer = call(rt_server, "POST", rules_path(device, "bonus"), {"minutes": minutes},
                          token=token)
    assert status == 422 and "minutes" in answer["error"]["details"]["fields"]


@pytest.mark.parametrize("query, field", [("?from=2026-03-10&to=2026-03-01", "from"),
                                          ("?from=2026-01-01&to=2026-12-31", "to"),
                                          ("?from=yesterday", "from"), ("?to=2026-02-30", "to"),
                                          ("?from=", "from"), ("?to=&from=2026-01-01", "to")])
def test_bad_report_ranges_are_422(rt_server, make_user, paired, query, field):
    _, token = make_user("ana")
    _, device = paired(token)
    status, answer = call(rt_server, "GET", rules_path(device, "report") + query, token=token)
    assert status == 422 and field in answer["error"]["details"]["fields"]


def test_default_report_is_the_last_14_days(rt_server, make_user, paired):
    _, token = make_user("ana")
    _, device = paired(token)
    status, answer = call(rt_server, "GET", rules_path(device, "report"), token=token)
    assert status == 200 and len(answer["days"]) == 14
    assert all(day["minutes"] == 0 and day["entries"] == [] for day in answer["days"])


def test_a_rule_change_reaches_the_receiver_and_every_phone(rt_server, make_user, paired,
                                                            connect):
    phone, receiver, device, token = open_pair(make_user, paired, connect)
    other_phone = connect(f"token={token}")
    other_phone.expect("hello")
    status, _ = call(rt_server, "PUT", rules_path(device), {"daily_limit_minutes": 45},
                     token=token)
    assert status == 200
    assert receiver.expect("rules")["data"]["rules"]["daily_limit_minutes"] == 45
    for peer in (phone, other_phone):
        shown = peer.expect("device.rules")["data"]
        assert (shown["device_id"], shown["rules"]["daily_limit_minutes"]) == (device["id"], 45)


def test_tracks_outside_the_allowed_content_are_403(rt_server, make_user, paired, connect,
                                                    categorised):
    phone, receiver, device, token = open_pair(make_user, paired, connect)
    story, song = categorised("Owl", "Stories"), categorised("Loud", "Music", album="Noise")
    calm = categorised("Calm", "Music", album="Lullabies")
    call(rt_server, "PUT", rules_path(device),
         {"allowed": {"categories": ["stories"], "albums": ["Lullabies"]}}, token=token)
    phone.send("command", {"device_id": device["id"], "action": "play",
                           "track_ids": [story, song]}, msg_id="p1")
    refused = phone.expect_reply("p1")["data"]
    assert (refused["code"], refused["details"]["track_ids"]) == ("not_allowed", [song])
    status, answer = call(rt_server, "POST", f"/api/v1/devices/{device['id']}/commands",
                          {"action": "play", "track_ids": [song]}, token=token)
    assert (status, answer["error"]["code"]) == (403, "not_allowed")
    phone.send("command", {"device_id": device["id"], "action": "play",
                           "track_ids": [story, calm]}, msg_id="p2")
    assert phone.expect_reply("p2")["type"] == "ack"
    assert receiver.expect("command")["data"]["track_id"] == story


def test_volume_above_the_cap_is_lowered(rt_server, make_user, paired, connect):
    phone, receiver, device, token = open_pair(make_user, paired, connect)
    call(rt_server, "PUT", rules_path(device), {"max_volume": {"day": 0.4, "night": 0.4}},
         token=token)
    phone.send("command", {"device_id": device["id"], "action": "volume", "volume": 0.9},
               msg_id="v")
    assert phone.expect_reply("v")["type"] == "ack"
    assert receiver.expect("command", where=lambda d: d["action"] == "volume")["data"][
        "volume"] == 0.4


@pytest.mark.parametrize("data, field", [({"minutes": -1}, "minutes"), ({}, "minutes"),
                                         ({"end_of_track": "yes"}, "end_of_track"),
                                         ({"minutes": 5, "fade_seconds": 1e9}, "fade_seconds")])
def test_bad_sleep_commands_get_an_error_reply(rt_server, make_user, paired, connect, data,
                                               field):
    phone, _, device, _ = open_pair(make_user, paired, connect)
    phone.send("command", {"device_id": device["id"], "action": "sleep", **data}, msg_id="s")
    reply = phone.expect_reply("s")["data"]
    assert reply["code"] == "validation_failed" and field in reply["details"]["fields"]


def test_sleep_timer_reaches_the_receiver(rt_server, make_user, paired, connect):
    phone, receiver, device, _ = open_pair(make_user, paired, connect)
    phone.send("command", {"device_id": device["id"], "action": "sleep", "end_of_track": True},
               msg_id="s")
    assert phone.expect_reply("s")["type"] == "ack"
    command = receiver.expect("command")["data"]
    assert (command["action"], command["end_of_track"], command["fade_seconds"]) == (
        "sleep", True, 10)
