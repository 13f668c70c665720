"""Households live, on the real server over real sockets: a second adult joins with the code
on the receiver, both phones see it live, and a removed member loses it at once."""

from tests.realtime.conftest import call

STATE = {"status": "playing", "track_id": None, "position": 3, "duration": 60, "volume": 1,
         "event": "started"}


def code_on_screen(server, registration):
    status, body = call(server, "POST", "/api/v1/devices/pairing-code",
                        token=registration["device_token"])
    assert status == 201, body
    return body["pairing_code"]


def playing_from(receiver, position):
    receiver.send("state", {**STATE, "position": position})


def join_with_receiver_code(rt_server, connect, make_user, paired):
    """Ana pairs a receiver; Bob, signed in, enters its code and joins. Their live peers."""
    ana, ana_token = make_user("ana")
    bob, bob_token = make_user("bob")
    registration, device = paired(ana_token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    ana_phone, bob_phone = connect(f"token={ana_token}"), connect(f"token={bob_token}")
    ana_phone.expect("hello")
    assert bob_phone.expect("hello")["data"]["devices"] == []
    code = code_on_screen(rt_server, registration)
    status, body = call(rt_server, "POST", "/api/v1/devices/pair", {"code": code},
                        token=bob_token)
    assert (status, body["error"]["code"]) == (409, "household_join_required")
    status, household = call(rt_server, "POST", "/api/v1/household/join", {"code": code},
                             token=bob_token)
    assert status == 200 and household["role"] == "adult"
    joined = ana_phone.expect("household.member_joined")["data"]["member"]
    assert joined["id"] == str(bob["_id"])
    assert bob_phone.wait_closed() == 4409  # reconnects into the new household
    return {"ana": (ana, ana_token, ana_phone), "bob": (bob, bob_token), "device": device,
            "receiver": receiver}


def test_a_second_adult_joins_with_the_receivers_code_and_sees_it_live(
        rt_server, connect, make_user, paired):
    world = join_with_receiver_code(rt_server, connect, make_user, paired)
    bob_phone = connect(f"token={world['bob'][1]}")
    hello = bob_phone.expect("hello")["data"]
    assert [d["id"] for d in hello["devices"]] == [world["device"]["id"]]
    assert hello["household"]["name"] == "ana's household"
    playing_from(world["receiver"], 7)
    for phone in (world["ana"][2], bob_phone):
        state = phone.expect("device.state")["data"]
        assert (state["device_id"], state["state"]["position"]) == (world["device"]["id"], 7)
    bob_phone.send("command", {"device_id": world["device"]["id"], "action": "pause"}, "p1")
    assert bob_phone.expect_reply("p1")["type"] == "ack"
    assert world["receiver"].expect("command")["data"]["action"] == "pause"


def test_a_removed_member_loses_the_receiver_at_once(rt_server, connect, make_user, paired):
    world = join_with_receiver_code(rt_server, connect, make_user, paired)
    bob_phone = connect(f"token={world['bob'][1]}")
    bob_phone.expect("hello")
    bob_id = str(world["bob"][0]["_id"])
    status, _ = call(rt_server, "DELETE", f"/api/v1/household/members/{bob_id}",
                     token=world["ana"][1])
    assert status == 204
    assert bob_phone.wait_closed() == 4409
    assert world["ana"][2].expect("household.member_removed")["data"]["member_id"] == bob_id
    again = connect(f"token={world['bob'][1]}")
    assert again.expect("hello")["data"]["devices"] == []
    playing_from(world["receiver"], 9)
    assert world["ana"][2].expect("device.state")["data"]["state"]["position"] == 9
    again.assert_nothing("device.state", 1.5)
    again.send("command", {"device_id": world["device"]["id"], "action": "pause"}, "p2")
    reply = again.expect_reply("p2")
    assert (reply["type"], reply["data"]["code"]) == ("error", "not_found")
    status, _ = call(rt_server, "GET", f"/api/v1/devices/{world['device']['id']}",
                     token=world["bob"][1])
    assert status == 404
