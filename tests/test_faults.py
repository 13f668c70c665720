"""The database goes away under load: requests fail fast with 503 JSON, never hang,
succeed again once it is back, and no write is left half-done."""

import json
import signal
import threading
import time
import urllib.error
import urllib.request

import pytest

from devtools.ferretdb import FerretDB
from devtools.liveserver import LiveServer
from server import create_app
from server.db import get_client
from tests import builders

MONGO_TIMEOUT_MS = 1000
# A request that waits longer than this has hung: the server promised to answer after
# MONGO_TIMEOUT_MS (server selection) and its socket timeout bounds the rest.
CLIENT_TIMEOUT = 15


def call(url, method="GET", body=None, token=None):
    """(status, JSON body) of one request; a client timeout propagates as a failure."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), response.headers
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read()), error.headers


class RequestStream:
    """Requests issued one after another in a thread until stopped; every outcome recorded."""

    def __init__(self, requests):
        self.requests = requests
        self.outcomes = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stopping.is_set():
            for name, do in self.requests:
                try:
                    status, body, headers = do()
                    self.outcomes.append((name, status, body, headers))
                except Exception as exc:  # a hang or a broken connection: recorded, asserted
                    self.outcomes.append((name, "exception", repr(exc), None))

    def wait_for(self, predicate, timeout=60):
        deadline = time.monotonic() + timeout
        seen = len(self.outcomes)
        while time.monotonic() < deadline:
            if any(predicate(outcome) for outcome in self.outcomes[seen:]):
                return
            time.sleep(0.05)
        raise AssertionError("the stream never saw the expected outcome")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=CLIENT_TIMEOUT * 2)


@pytest.fixture
def fragile_stack(tmp_path, media_root):
    """Its own FerretDB (so it can be stopped) and a live server process in front of it."""
    with FerretDB(tmp_path / "data", log_path=tmp_path / "ferretdb.log") as database:
        env = {"MONGO_URI": database.uri, "MONGO_DB": "faults", "MEDIA_ROOT": str(media_root),
               "TAPCAST_ENV": "testing", "MONGO_TIMEOUT_MS": str(MONGO_TIMEOUT_MS)}
        with LiveServer(env, log_path=tmp_path / "server.log") as server:
            yield database, server


def is_unavailable(outcome, codes=("db_unavailable",)):
    _, status, body, headers = outcome
    return (status == 503 and body["error"]["code"] in codes
            and headers["Content-Type"] == "application/json")


def is_ok(outcome):
    return outcome[1] == 200


def test_database_outage_gives_fast_503_json_then_recovers(fragile_stack):
    database, server = fragile_stack
    requests = [("health", lambda: call(f"{server.url}/api/v1/health"))]
    with RequestStream(requests) as stream:
        stream.wait_for(is_ok)
        database.stop()
        stream.wait_for(is_unavailable)
        stream.wait_for(is_unavailable)
        database.start()  # same port, same data
        stream.wait_for(is_ok)
        stream.wait_for(is_ok)
    bad = [o for o in stream.outcomes if not (is_ok(o) or is_unavailable(o))]
    assert bad == [], f"neither 200 nor 503 JSON: {bad[:5]}"
    assert all(o[3]["Retry-After"] for o in stream.outcomes if o[1] == 503)
    assert is_ok(stream.outcomes[-1])


def test_frozen_database_gives_503_json_not_a_hang(fragile_stack):
    # A database that stops answering (SIGSTOP) but keeps its sockets open is the case
    # that hangs clients without timeouts; the server's socket timeout bounds it.
    database, server = fragile_stack
    requests = [("health", lambda: call(f"{server.url}/api/v1/health"))]
    with RequestStream(requests) as stream:
        stream.wait_for(is_ok)
        database.process.send_signal(signal.SIGSTOP)
        try:
            stream.wait_for(is_unavailable)
            stream.wait_for(is_unavailable)
        finally:
            database.process.send_signal(signal.SIGCONT)
        stream.wait_for(is_ok)
    bad = [o for o in stream.outcomes if not (is_ok(o) or is_unavailable(o))]
    assert bad == [], f"neither 200 nor 503 JSON: {bad[:5]}"


def sign_up(server):
    status, body, _ = call(f"{server.url}/api/v1/auth/register", "POST",
                           {"username": "fault-tester", "password": "outages happen 42"})
    assert status == 201, body
    return body["token"]


def seed_tracks(database, media_root, audio_dir, count):
    app = create_app({"MONGO_URI": database.uri, "MONGO_DB": "faults",
                      "MEDIA_ROOT": media_root})
    try:
        return [str(builders.make_track(app, audio_dir, title=f"Fault {n}",
                                        freq=500 + n * 30)["_id"]) for n in range(count)]
    finally:
        get_client(app).close()


class Reorderer:
    """Flips a playlist between two orders with version-guarded PUTs, one after another."""

    def __init__(self, server, token, playlist_id):
        self.url = f"{server.url}/api/v1/playlists/{playlist_id}"
        self.token = token

    def __call__(self):
        status, body, headers = call(self.url, token=self.token)
        if status != 200:
            return status, body, headers
        return call(f"{self.url}/order", "PUT", token=self.token,
                    body={"track_ids": body["track_ids"][::-1], "version": body["version"]})


def test_playlist_writes_during_an_outage_are_whole_or_absent(fragile_stack, media_root,
                                                             audio_dir):
    database, server = fragile_stack
    token = sign_up(server)
    first_order = seed_tracks(database, media_root, audio_dir, 4)
    status, playlist, _ = call(f"{server.url}/api/v1/playlists", "POST", token=token,
                               body={"name": "Outage", "track_ids": first_order})
    assert status == 201, playlist
    reorder = Reorderer(server, token, playlist["id"])
    with RequestStream([("reorder", reorder)]) as stream:
        stream.wait_for(is_ok)
        database.stop()
        stream.wait_for(is_unavailable)
        database.start()
        # A write cut off by the outage may leave its edit lock behind: it expires by itself.
        stream.wait_for(is_ok)
        stream.wait_for(is_ok)
    allowed = [o for o in stream.outcomes
               if is_ok(o) or is_unavailable(o, ("db_unavailable", "busy"))
               or o[1] == 409]
    assert allowed == stream.outcomes, "neither 200, 409 nor 503 JSON"
    status, final, _ = call(reorder.url, token=token)
    assert status == 200
    # Every applied write flipped the order and bumped the version together: whatever was
    # cut off, the two still agree.
    expected = first_order if final["version"] % 2 == 1 else first_order[::-1]
    assert final["track_ids"] == expected
    assert final["track_count"] == 4
    acknowledged = [o[2]["version"] for o in stream.outcomes if is_ok(o) and "version" in o[2]]
    assert final["version"] >= max(acknowledged)
