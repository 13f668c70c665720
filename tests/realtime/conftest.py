"""Realtime fixtures: a live server with a short heartbeat, users, tracks, paired receivers."""

import json
import urllib.error
import urllib.request

import pytest
from bson import ObjectId

from devtools.liveserver import LiveServer
from server.accounts import tokens, users
from server.library.catalogue import journal
from tests.realtime.peers import Peer

HEARTBEAT_SECONDS = 2


@pytest.fixture(scope="session")
def rt_server(app_config, tmp_path_factory):
    """`python -m server` with a 2 s heartbeat, so dead sockets are noticed quickly."""
    env = {key: str(value) for key, value in app_config.items()}
    # No cooldown after abuse here: the tests that provoke 1008/1009 share this server and
    # its one client address (test_frame_limits.py tests the cooldown on a server of its own).
    env.update(TAPCAST_ENV="testing", WS_HEARTBEAT_SECONDS=str(HEARTBEAT_SECONDS),
               STATE_WRITE_SECONDS="2", WS_ABUSE_COOLDOWN_SECONDS="0")
    log_path = tmp_path_factory.mktemp("rt") / "server.log"
    with LiveServer(env, log_path=log_path) as server:
        yield server


def call(server, method, path, body=None, token=None):
    """(status, JSON body or None) of an HTTP request to a live server."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


@pytest.fixture
def make_user(app):
    """make_user(name) -> (user document, raw API token)."""
    def make(name):
        with app.app_context():
            user = users.create_user(name, "secret-password-1")
            return user, tokens.issue_token(user["_id"])

    return make


@pytest.fixture
def make_track(db):
    """make_track(title) -> track id (hex): a minimal document in the library's collection."""
    def make(title="Track"):
        doc = {"_id": ObjectId(), "title": title}
        db.tracks.insert_one(doc)
        journal.record_upserts(db, [doc])  # every server process's catalogue learns of it
        return str(doc["_id"])

    return make


def register(server):
    status, body = call(server, "POST", "/api/v1/devices", {"name": "Kitchen"})
    assert status == 201, body
    return body


def pair(server, token, code, name=None):
    status, body = call(server, "POST", "/api/v1/devices/pair",
                        {"code": code, **({"name": name} if name else {})}, token=token)
    assert status == 200, body
    return body


@pytest.fixture
def paired(rt_server):
    """paired(token) -> (device registration, device JSON): a receiver paired to the user."""
    def make(token):
        registration = register(rt_server)
        return registration, pair(rt_server, token, registration["pairing_code"])

    return make


@pytest.fixture
def connect(rt_server):
    """connect(query, **options) -> Peer on /ws; every peer is closed after the test."""
    peers = []

    def make(query, server=None, **options):
        peer = Peer(f"{(server or rt_server).ws_url}/ws?{query}", **options)
        peers.append(peer)
        return peer

    yield make
    for peer in peers:
        peer.close()
