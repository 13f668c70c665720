"""Devices over HTTP on the live server: register, pair, list, rename, unpair, QR."""

from datetime import timedelta

from bson import ObjectId

from tests.realtime.conftest import call, pair, register


def test_pairing_end_to_end(rt_server, make_user, connect):
    _, token = make_user("ana")
    registration = register(rt_server)
    receiver = connect(f"device_token={registration['device_token']}")
    hello = receiver.expect("hello")["data"]
    assert hello["device"]["paired"] is False

    device = pair(rt_server, token, registration["pairing_code"].lower(), name="Kitchen")
    assert device["paired"] is True and device["name"] == "Kitchen"
    assert receiver.expect("device.paired")["data"]["device"]["id"] == device["id"]
    status, page = call(rt_server, "GET", "/api/v1/devices", token=token)
    assert status == 200
    assert [(item["id"], item["online"]) for item in page["items"]] == [(device["id"], True)]


def test_pairing_code_is_used_up(rt_server, make_user):
    _, token = make_user("ana")
    _, other = make_user("bob")
    registration = register(rt_server)
    pair(rt_server, token, registration["pairing_code"])
    status, body = call(rt_server, "POST", "/api/v1/devices/pair",
                        {"code": registration["pairing_code"]}, token=other)
    assert status == 404
    assert body["error"]["code"] == "invalid_pairing_code"


def test_expired_pairing_code_is_refused(rt_server, make_user, db):
    _, token = make_user("ana")
    registration = register(rt_server)
    db.pairing_codes.update_one({"code": registration["pairing_code"]},
                                {"$set": {"expires_at": db_now(db) - timedelta(seconds=1)}})
    status, body = call(rt_server, "POST", "/api/v1/devices/pair",
                        {"code": registration["pairing_code"]}, token=token)
    assert status == 404
    assert body["error"]["code"] == "invalid_pairing_code"


def db_now(db):
    from server.jsonutil import utcnow

    return utcnow()


def test_receiver_gets_a_new_code_with_its_token(rt_server, db):
    registration = register(rt_server)
    status, body = call(rt_server, "POST", "/api/v1/devices/pairing-code",
                        token=registration["device_token"])
    assert status == 201
    assert body["pairing_code"] != registration["pairing_code"]
    assert db.pairing_codes.count_documents({}) == 1


def test_pairing_code_needs_a_device_token(rt_server):
    status, body = call(rt_server, "POST", "/api/v1/devices/pairing-code", token="nope")
    assert status == 401
    assert body["error"]["code"] == "invalid_device_token"


def test_device_token_is_stored_hashed(rt_server, db):
    registration = register(rt_server)
    stored = db.devices.find_one({"_id": ObjectId(registration["device"]["id"])})
    assert registration["device_token"] not in str(stored)


def test_rename_and_unpair(rt_server, make_user, paired, connect):
    _, token = make_user("ana")
    registration, device = paired(token)
    receiver = connect(f"device_token={registration['device_token']}")
    receiver.expect("hello")
    path = f"/api/v1/devices/{device['id']}"
    status, renamed = call(rt_server, "PATCH", path, {"name": "  Bedroom "}, token=token)
    assert status == 200 and renamed["name"] == "Bedroom"

    assert call(rt_server, "DELETE", path, token=token)[0] == 204
    assert receiver.wait_closed() == 4401
    status, body = call(rt_server, "POST", "/api/v1/devices/pairing-code",
                        token=registration["device_token"])
    assert status == 401
    assert call(rt_server, "GET", path, token=token)[0] == 404


def test_someone_elses_device_is_not_found(rt_server, make_user, paired):
    _, owner = make_user("ana")
    _, other = make_user("bob")
    _, device = paired(owner)
    path = f"/api/v1/devices/{device['id']}"
    for method, body in (("GET", None), ("PATCH", {"name": "Mine"}), ("DELETE", None)):
        status, reply = call(rt_server, method, path, body, token=other)
        assert status == 404, method
        assert reply["error"]["code"] == "not_found"


def test_bad_names_are_named(rt_server, make_user, paired):
    _, token = make_user("ana")
    _, device = paired(token)
    for bad in ("", "   ", "x" * 61, 42, None):
        status, body = call(rt_server, "PATCH", f"/api/v1/devices/{device['id']}", {"name": bad},
                            token=token)
        assert status == 422
        assert "name" in body["error"]["details"]["fields"]


def test_register_rejects_non_json_body(client):
    response = client.post("/api/v1/devices", data="name=x",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_pair_requires_sign_in(client):
    response = client.post("/api/v1/devices/pair", json={"code": "ABCDEF"})
    assert response.status_code == 401


def test_pairing_qr_is_svg_linking_the_app(client):
    response = client.get("/api/v1/devices/pairing-qr.svg?code=abc-def")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")


def test_pairing_qr_refuses_other_text(client):
    response = client.get("/api/v1/devices/pairing-qr.svg?code=<script>")
    assert response.status_code == 422


def test_sweeper_deletes_expired_codes_and_stale_presence(app, db, rt_server):
    from server.devices import pairing
    from server.realtime import sweeper

    registration = register(rt_server)
    past = db_now(db) - timedelta(hours=1)
    db.pairing_codes.update_many({}, {"$set": {"expires_at": past}})
    device_id = ObjectId(registration["device"]["id"])
    # A process that died holding the device's socket: its heartbeat stopped an hour ago.
    db.server_processes.insert_one({"_id": "dead-process", "last_seen_at": past})
    db.device_connections.insert_one({"_id": device_id, "conn_id": "dead-socket",
                                      "process_id": "dead-process", "connected_at": past})
    sweeper.sweep(app)
    assert db.pairing_codes.count_documents({}) == 0
    assert db.device_connections.count_documents({"_id": device_id}) == 0
    assert db.server_processes.count_documents({"_id": "dead-process"}) == 0
    with app.app_context():
        assert pairing.find_valid(registration["pairing_code"]) is None
