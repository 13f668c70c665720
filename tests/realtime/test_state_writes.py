"""Receivers' state: unpaired ones write nothing; paired ones' latest state is kept."""

import threading
import time

from bson import ObjectId

from tests.realtime.conftest import call, register

ATTACKERS = 20
REPORTS_EACH = 40  # at 19 a second: under the per-socket rate limit
STATE = {"status": "playing", "track_id": None, "position": 1, "duration": 3, "volume": 1}


def report(peer, count, per_second):
    for n in range(count):
        peer.send("state", {**STATE, "position": n})
        time.sleep(1 / per_second)


def test_unpaired_receivers_flooding_state_write_nothing(rt_server, connect, make_user, db):
    registrations = [register(rt_server) for _ in range(ATTACKERS)]
    peers = [connect(f"device_token={r['device_token']}") for r in registrations]
    for peer in peers:
        peer.expect("hello")
    _, token = make_user("ana")
    threads = [threading.Thread(target=report, args=(peer, REPORTS_EACH, 19)) for peer in peers]
    for thread in threads:
        thread.start()
    statuses = [call(rt_server, "GET", "/api/v1/me/favorites", token=token)[0]
                for _ in range(5)] + [call(rt_server, "GET", "/api/v1/health")[0]]
    for thread in threads:
        thread.join()
    assert statuses == [200] * 6
    for peer in peers:  # still connected: nothing closed them, nothing was stored either
        peer.send("ping", msg_id="after")
        assert peer.expect("pong")["id"] == "after"
    ids = [ObjectId(r["device"]["id"]) for r in registrations]
    stored = [db.devices.find_one({"_id": device_id}) for device_id in ids]
    assert [doc["state"] for doc in stored] == [None] * ATTACKERS


def test_paired_receiver_keeps_its_latest_state(rt_server, make_user, paired, connect):
    _, token = make_user("ana")
    registration, device = paired(token)
    app_peer = connect(f"token={token}")
    app_peer.expect("hello")
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    for n in range(30):
        receiver.send("state", {**STATE, "position": n})
    # The owner hears every report at once ...
    app_peer.expect("device.state", where=lambda data: data["state"]["position"] == 29)
    # ... and the device keeps the last one (written within the state writer's interval).
    deadline = time.monotonic() + 15
    while True:
        shown = call(rt_server, "GET", f"/api/v1/devices/{device['id']}", token=token)[1]
        if shown["state"] and shown["state"]["position"] == 29:
            break
        assert time.monotonic() < deadline, f"state never stored: {shown['state']}"
        time.sleep(0.2)


def test_a_change_of_status_is_written_at_once_and_progress_waits(app, db):
    from server.realtime.state_writer import StateWriter

    app.config["STATE_WRITE_SECONDS"] = 3600
    writer, device_id = StateWriter(app), ObjectId()

    def stored():
        return db.device_states.find_one({"_id": device_id})["state"]

    try:
        writer.put(device_id, {**STATE, "position": 1})  # the first report: all is new
        writer.write_due()
        writer.put(device_id, {**STATE, "position": 2})  # progress only
        writer.write_due()
        assert stored()["position"] == 1, "progress waits for the device's interval"
        writer.put(device_id, {**STATE, "status": "paused", "position": 3})
        writer.write_due()
        assert (stored()["status"], stored()["position"]) == ("paused", 3)
    finally:
        writer.greenlet.kill()  # its loop never ran: this test writes in its own turn


def test_a_state_not_yet_written_is_the_one_shown(rt_server, make_user, paired, connect):
    """The writer writes a change within about a second; until then the device's page and a
    phone that opens now show the change, not the state before it."""
    _, token = make_user("ana")
    registration, device = paired(token)
    path = f"/api/v1/devices/{device['id']}"
    app_peer = connect(f"token={token}")
    app_peer.expect("hello")
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    receiver.send("state", {**STATE, "position": 1, "event": "started"})
    app_peer.expect("device.state", where=lambda data: data["state"]["position"] == 1)
    # The writer turns once a second, so the next change is almost always read before it is
    # written; without the unwritten states the page and the hello showed position 1.
    receiver.send("state", {**STATE, "status": "paused", "position": 7, "event": "paused"})
    app_peer.expect("device.state", where=lambda data: data["state"]["status"] == "paused")
    shown = call(rt_server, "GET", path, token=token)[1]["state"]
    assert (shown["status"], shown["position"]) == ("paused", 7)
    reopened = connect(f"token={token}").expect("hello")["data"]
    [listed] = [d for d in reopened["devices"] if d["id"] == device["id"]]
    assert (listed["state"]["status"], listed["state"]["position"]) == ("paused", 7)
