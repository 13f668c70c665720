"""Two server processes on two ports share fan-out through Redis pub/sub."""

import shutil
import subprocess
import time

import pytest
import redis

from devtools.ferretdb import free_port
from devtools.liveserver import LiveServer
from tests.realtime.conftest import HEARTBEAT_SECONDS, call


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A redis-server of this module's own (Debian's package) on a free port."""
    assert shutil.which("redis-server"), "make test installs redis-server"
    port = free_port()
    work = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(work)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def two_servers(app_config, redis_url, tmp_path_factory):
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", REDIS_URL=redis_url,
               WS_HEARTBEAT_SECONDS=str(HEARTBEAT_SECONDS))
    logs = tmp_path_factory.mktemp("redis-servers")
    with (LiveServer(env, log_path=logs / "a.log") as first,
          LiveServer(env, log_path=logs / "b.log") as second):
        yield first, second


def test_command_crosses_processes(two_servers, make_user, connect, make_track):
    first, second = two_servers
    _, token = make_user("ana")
    registration = call(first, "POST", "/api/v1/devices", {})[1]
    receiver = connect(f"device_token={registration['device_token']}", server=second)
    receiver.expect("hello")
    phone = connect(f"token={token}", server=first)
    phone.expect("hello")
    device = call(first, "POST", "/api/v1/devices/pair",
                  {"code": registration["pairing_code"]}, token=token)[1]
    receiver.expect("device.paired")

    track = make_track()
    phone.send("command", {"device_id": device["id"], "action": "play", "track_ids": [track]},
               msg_id="x")
    assert phone.expect_reply("x")["type"] == "ack"
    command = receiver.expect("command")["data"]
    assert command["track_id"] == track

    receiver.send("state", {"status": "playing", "track_id": track, "position": 1,
                            "duration": 60, "volume": 1, "event": "started"})
    assert phone.expect("device.state")["data"]["state"]["status"] == "playing"
    receiver.close()
    phone.expect("device.presence", where=lambda data: not data["online"])


def test_rest_command_on_one_process_reaches_a_receiver_on_the_other(two_servers, make_user,
                                                                     connect):
    first, second = two_servers
    _, token = make_user("ana")
    registration = call(second, "POST", "/api/v1/devices", {})[1]
    device = call(second, "POST", "/api/v1/devices/pair",
                  {"code": registration["pairing_code"]}, token=token)[1]
    receiver = connect(f"device_token={registration['device_token']}", server=second)
    receiver.expect("hello")
    status, _ = call(first, "POST", f"/api/v1/devices/{device['id']}/commands",
                     {"action": "volume", "volume": 0.5}, token=token)
    assert status == 202
    assert receiver.expect("command")["data"] == {"action": "volume", "volume": 0.5,
                                                  "device_id": device["id"]}


def test_logout_in_one_process_closes_the_socket_in_the_other(two_servers, make_user, connect):
    first, second = two_servers
    _, token = make_user("ana")
    peer = connect(f"token={token}", server=second)
    peer.expect("hello")
    assert call(first, "POST", "/api/v1/auth/logout", token=token)[0] == 204
    assert peer.wait_closed() == 4401
