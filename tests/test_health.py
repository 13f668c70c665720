"""GET /api/v1/health against the real database, including the database going away."""

import time

from devtools.ferretdb import FerretDB
from server import create_app
from server.db import get_client


def test_health_reports_database_ok(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["db"] == "ok"
    assert body["time"].endswith("Z")
    assert body["catalogue"] in ("loading", "ready")
    assert set(body) == {"status", "db", "catalogue", "version", "time"}, \
        "nothing a monitor does not need"


def test_live_server_serves_health(live_server):
    import json
    import urllib.request

    with urllib.request.urlopen(f"{live_server.url}/api/v1/health", timeout=5) as response:
        assert response.status == 200
        assert json.load(response)["db"] == "ok"


def test_health_503_while_database_down_then_recovers(tmp_path):
    # Its own FerretDB (even under MONGO_URI): the test must stop and restart the database.
    database = FerretDB(tmp_path / "data", log_path=tmp_path / "ferretdb.log").start()
    app = None
    try:
        app = create_app({"MONGO_URI": database.uri, "MONGO_DB": "health_test"})
        client = app.test_client()
        assert client.get("/api/v1/health").status_code == 200

        database.stop()
        started = time.monotonic()
        response = client.get("/api/v1/health")
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        error = response.get_json()["error"]
        assert error["code"] == "db_unavailable"
        assert error["details"] == {"db": "down"}, "no database internals reach the client"
        assert elapsed < 3.0, f"took {elapsed:.1f}s to report the database down"

        database.start()  # same port, same data
        deadline = time.monotonic() + 20
        while client.get("/api/v1/health").status_code != 200:
            assert time.monotonic() < deadline, "health did not recover after the restart"
            time.sleep(0.2)
    finally:
        if app is not None:
            get_client(app).close()
        database.stop()
