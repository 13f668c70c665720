"""/ws while the database is down: one `error` reply, the socket lives; new sockets get 503."""

import pytest
import websocket

from devtools.ferretdb import FerretDB
from devtools.liveserver import LiveServer
from server import create_app
from server.accounts import tokens, users
from server.db import ensure_indexes, get_client
from tests.realtime.peers import Peer


def test_socket_survives_the_database_going_away(tmp_path):
    # Its own FerretDB (even under MONGO_URI): the test stops it.
    database = FerretDB(tmp_path / "data", log_path=tmp_path / "ferretdb.log").start()
    config = {"MONGO_URI": database.uri, "MONGO_DB": "ws_down"}
    server = LiveServer({**config, "TAPCAST_ENV": "testing", "MONGO_TIMEOUT_MS": "500"},
                        log_path=tmp_path / "server.log")
    peer = None
    # Everything after the database starts sits in the try, so a failure never leaks it.
    try:
        app = create_app(dict(config))
        ensure_indexes(app)
        with app.app_context():
            token = tokens.issue_token(users.create_user("ana", "secret-password-1")["_id"])
        get_client(app).close()
        server.start()
        peer = Peer(f"{server.ws_url}/ws?token={token}")
        peer.expect("hello")
        database.stop()

        peer.send("command", {"device_id": "a" * 24, "action": "pause"}, msg_id="x")
        assert peer.expect("error")["data"]["code"] == "db_unavailable"
        peer.send("ping", msg_id="alive")
        assert peer.expect("pong")["id"] == "alive"

        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(f"{server.ws_url}/ws?token={token}", timeout=10)
        assert refused.value.status_code == 503
    finally:
        if peer is not None:
            peer.close()
        server.stop()
        database.stop()
