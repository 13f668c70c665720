"""Processes keep nothing but caches: when one stops, its sessions carry on through the other."""

import pytest

from deploy.nginx_conf import FrontSettings
from devtools.front import FrontServer
from devtools.liveserver import LiveServer
from devtools.redis_server import RedisServer
from tests.front.http import json_call
from tests.front.test_front_realtime import connect_on, sign_up
from tests.realtime.peers import Peer


@pytest.fixture
def stack_to_break(app_config, tmp_path):
    """(nginx, process A, process B), A to be stopped by the test."""
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", TRUSTED_PROXIES="1", MEDIA_ACCEL_REDIRECT="1",
               WS_HEARTBEAT_SECONDS="2")
    with RedisServer(tmp_path) as redis_server:
        env["REDIS_URL"] = redis_server.url
        with (LiveServer(env, log_path=tmp_path / "a.log") as first,
              LiveServer(env, log_path=tmp_path / "b.log") as second):
            settings = FrontSettings(upstreams=[f"127.0.0.1:{first.port}",
                                                f"127.0.0.1:{second.port}"],
                                     run_dir=tmp_path / "nginx",
                                     media_root=app_config["MEDIA_ROOT"])
            with FrontServer(settings) as front:
                yield front, first, second


def test_a_stopped_process_loses_no_session(stack_to_break, make_track):
    front, first, second = stack_to_break
    user, token = sign_up(front, "failover")
    _, registration = json_call(front.port, "POST", "/api/v1/devices", {"name": "Porch"})
    _, device = json_call(front.port, "POST", "/api/v1/devices/pair",
                          {"code": registration["pairing_code"]}, token=token)
    phone = connect_on(front, (first, second), f"token={token}", f"open app user:{user['id']}", 0)
    first.stop()
    phone.wait_closed()  # A took its socket with it
    phone.close()
    # Every request and the reconnecting sockets now reach B, with the same token and device.
    for _ in range(4):
        status, body = json_call(front.port, "GET", "/api/v1/me", token=token)
        assert (status, body["id"]) == (200, user["id"])
    phone = Peer(f"ws://127.0.0.1:{front.port}/ws?token={token}")
    receiver = Peer(f"ws://127.0.0.1:{front.port}/ws?device_token="
                    f"{registration['device_token']}")
    try:
        phone.expect("hello")
        receiver.expect("hello")
        track = make_track(title="Still here", seconds=1.0, freq=520)
        phone.send("command", {"device_id": device["id"], "action": "play",
                               "track_ids": [str(track["_id"])]}, msg_id="f1")
        assert phone.expect_reply("f1")["type"] == "ack"
        assert receiver.expect("command")["data"]["track_id"] == str(track["_id"])
    finally:
        phone.close()
        receiver.close()
