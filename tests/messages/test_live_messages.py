"""Messages over real sockets: pushed at once to an online side, kept for one that connects
later, with the unread counts of the hello snapshot right."""

import urllib.request

from tests.messages.support import ffmpeg_clip, make_user, post_clip, probed_duration
from tests.realtime.conftest import call


def conversation(device):
    return f"/api/v1/conversations/{device[0]['_id']}"


def say(server, device, token, text):
    status, body = call(server, "POST", f"{conversation(device)}/messages", {"text": text},
                        token=token)
    assert status == 201, body
    return body


def test_a_message_reaches_the_online_receiver_and_every_phone_at_once(
        live_server, connect, owner, device):
    receiver = connect(f"device_token={device[1]}")
    assert receiver.expect("hello")["data"]["unread"] == 0
    phone, other_phone = connect(f"token={owner[1]}"), connect(f"token={owner[1]}")
    phone.expect("hello")
    other_phone.expect("hello")
    sent = say(live_server, device, owner[1], "Time for bed!")
    pushed = receiver.expect("message.new")["data"]
    assert pushed == {"device_id": str(device[0]["_id"]), "message": sent}
    for peer in (phone, other_phone):
        assert peer.expect("message.new")["data"]["message"] == sent


def test_a_receivers_voice_reply_reaches_the_phones_and_plays(live_server, connect, owner,
                                                              device, tmp_path):
    phone = connect(f"token={owner[1]}")
    phone.expect("hello")
    status, sent = post_clip(live_server, device[0]["_id"], device[1],
                             ffmpeg_clip(tmp_path / "reply.webm", 2, "-c:a", "libopus"))
    assert status == 201, sent
    message = phone.expect("message.new")["data"]["message"]
    assert message["from"] == "device" and message["kind"] == "voice"
    ranged = urllib.request.Request(live_server.url + message["audio_url"],
                                    headers={"Range": "bytes=0-"})
    with urllib.request.urlopen(ranged, timeout=15) as response:
        assert response.status == 206
        (tmp_path / "heard.mp3").write_bytes(response.read())
    assert abs(probed_duration(tmp_path / "heard.mp3")[0] - 2) < 0.3


def test_messages_wait_for_a_receiver_that_connects_later(live_server, connect, owner, device,
                                                          tmp_path):
    say(live_server, device, owner[1], "Are you there?")
    status, _ = post_clip(live_server, device[0]["_id"], owner[1],
                          ffmpeg_clip(tmp_path / "hi.wav", 1))
    assert status == 201
    receiver = connect(f"device_token={device[1]}")
    assert receiver.expect("hello")["data"]["unread"] == 2
    status, listed = call(live_server, "GET", f"{conversation(device)}/messages",
                          token=device[1])
    assert [m["kind"] for m in listed["items"]] == ["voice", "text"]
    phone = connect(f"token={owner[1]}")
    phone.expect("hello")
    status, summary = call(live_server, "POST", f"{conversation(device)}/read", token=device[1])
    assert summary["unread"] == 0
    read = phone.expect("conversation.read")["data"]
    assert (read["side"], read["read_seq"], read["unread"]) == ("device", 2, 0)
    receiver.close()
    assert connect(f"device_token={device[1]}").expect("hello")["data"]["unread"] == 0


def test_replies_wait_for_the_phone_and_its_hello_counts_them(live_server, connect, owner,
                                                              device):
    for text in ("I fed the cat", "and the fish"):
        say(live_server, device, device[1], text)
    hello = connect(f"token={owner[1]}").expect("hello")["data"]
    assert hello["unread"]["unread_total"] == 2
    assert hello["unread"]["items"][0]["device_id"] == str(device[0]["_id"])
    call(live_server, "POST", f"{conversation(device)}/read", token=owner[1])
    assert connect(f"token={owner[1]}").expect("hello")["data"]["unread"]["unread_total"] == 0


def test_nobody_else_hears_a_message(app, live_server, connect, owner, device):
    stranger = make_user(app, "stranger")
    eavesdropper = connect(f"token={stranger[1]}")
    eavesdropper.expect("hello")
    receiver = connect(f"device_token={device[1]}")
    receiver.expect("hello")
    say(live_server, device, owner[1], "for the kitchen only")
    receiver.expect("message.new")
    say(live_server, device, device[1], "a reply the receiver sent itself")
    eavesdropper.assert_nothing("message.new", 1)
    receiver.assert_nothing("message.new", 1)
