"""Presence: sockets recorded per device, processes' liveness, many receivers at once."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bson import ObjectId
from gevent.event import AsyncResult

from server.devices import presence
from server.jsonutil import utcnow
from tests.realtime.conftest import call

RECEIVERS = 12


def online_map(server, token):
    status, page = call(server, "GET", "/api/v1/devices?per_page=100", token=token)
    assert status == 200, page
    return {item["id"]: item["online"] for item in page["items"]}


def test_receivers_connecting_at_once_are_all_online_then_all_offline(rt_server, make_user,
                                                                      paired, connect):
    _, token = make_user("ana")
    registrations = [paired(token)[0] for _ in range(RECEIVERS)]
    phone = connect(f"token={token}")
    phone.expect("hello")
    with ThreadPoolExecutor(RECEIVERS) as pool:
        receivers = list(pool.map(
            lambda reg: connect(f"device_token={reg['device_token']}"), registrations))
    for receiver in receivers:
        assert receiver.expect("hello")["data"]["device"]["online"] is True
    assert set(online_map(rt_server, token).values()) == {True}
    for receiver in receivers:
        receiver.close()
    offline = {phone.expect("device.presence", where=lambda d: not d["online"])["data"]
               ["device_id"] for _ in range(RECEIVERS)}
    assert offline == {reg["device"]["id"] for reg in registrations}
    assert set(online_map(rt_server, token).values()) == {False}


def test_a_newer_socket_keeps_the_device_online_when_the_older_closes(rt_server, make_user,
                                                                      paired, connect):
    _, token = make_user("ana")
    registration, device = paired(token)
    phone = connect(f"token={token}")
    phone.expect("hello")
    older = connect(f"device_token={registration['device_token']}")
    older.expect("hello")
    phone.expect("device.presence", where=lambda d: d["online"])
    newer = connect(f"device_token={registration['device_token']}")
    newer.expect("hello")
    phone.expect("device.presence", where=lambda d: d["online"])
    older.close()
    phone.assert_nothing("device.presence", 1)
    assert online_map(rt_server, token) == {device["id"]: True}
    newer.close()
    phone.expect("device.presence", where=lambda d: not d["online"])


def test_a_socket_of_a_dead_process_is_offline(rt_server, make_user, paired, db):
    _, token = make_user("ana")
    _, device = paired(token)
    past = utcnow() - timedelta(hours=1)
    db.server_processes.insert_one({"_id": "dead-process", "last_seen_at": past})
    db.device_connections.insert_one({"_id": ObjectId(device["id"]), "conn_id": "gone",
                                      "process_id": "dead-process", "connected_at": past})
    assert online_map(rt_server, token) == {device["id"]: False}
    status, body = call(rt_server, "POST", f"/api/v1/devices/{device['id']}/commands",
                        {"action": "pause"}, token=token)
    assert (status, body["error"]["code"]) == (409, "device_offline")


def wait_until(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.2)


def test_a_live_process_swept_as_dead_writes_its_sockets_again(rt_server, make_user, paired,
                                                                connect, db):
    _, token = make_user("ana")
    registration, device = paired(token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    # What another process's sweeper does to a process that stalled for 3 heartbeats.
    db.device_connections.delete_many({})
    db.server_processes.delete_many({})
    assert online_map(rt_server, token) == {device["id"]: False}
    wait_until(lambda: online_map(rt_server, token) == {device["id"]: True})


def test_connects_in_a_row_write_the_process_heartbeat_once(app, db):
    # A stream of connects (a reconnecting receiver, a giant-frame attacker) cost two writes
    # each while every open beat first; a beat within half an interval still stands.
    writer = presence.PresenceWriter(app)
    with app.app_context():
        writer.run_opens([((ObjectId(), "socket-1"), AsyncResult())])
        first = db.server_processes.find_one({"_id": writer.process_id})["last_seen_at"]
        writer.run_opens([((ObjectId(), "socket-2"), AsyncResult())])
        assert db.server_processes.find_one({"_id": writer.process_id})["last_seen_at"] == first
        assert db.device_connections.count_documents({"process_id": writer.process_id}) == 2
