"""Subsonic fixtures: a user with an API key, real tracks, py-opensonic clients of the server."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from libopensonic import Connection

from server.accounts import tokens, users
from tests import builders

PASSWORD = "Listening-Room-42"


def http(server, method, path, body=None, token=None):
    """(status, JSON or None) of a JSON API call to the live server."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def rest(server, method, params, headers=None, data=None):
    """(response headers, raw body, status) of a /rest/ call (params: a list of pairs)."""
    query = urllib.parse.urlencode(params)
    url = f"{server.url}/rest/{method}" + ("" if data is not None else f"?{query}")
    body = query.encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers, response.read(), response.status
    except urllib.error.HTTPError as error:
        return error.headers, error.read(), error.code


def envelope(raw):
    return json.loads(raw)["subsonic-response"]


@pytest.fixture
def account(app, live_server):
    """make(name, admin=False) -> {"user", "token", "key"}: a user, an API token, a Subsonic key."""
    def make(name="listener", admin=False):
        with app.app_context():
            user = users.create_user(name, PASSWORD, is_admin=admin)
            token = tokens.issue_token(user["_id"])
        status, body = http(live_server, "POST", "/api/v1/me/subsonic-keys",
                            {"name": "Test client"}, token)
        assert status == 201, body
        return {"user": user, "token": token, "key": body["key"], "name": name}

    return make


@pytest.fixture
def sonic(live_server):
    """sonic(api_key=..., use_get=False, username=, password=) -> a py-opensonic Connection."""
    made = []

    def make(api_key=None, use_get=False, username=None, password=None):
        conn = Connection("http://127.0.0.1", port=live_server.port, api_key=api_key,
                          username=username, password=password, legacy_auth=True,
                          use_get=use_get, app_name="tapcast-tests")
        made.append(conn)
        return conn

    yield make
    for conn in made:
        conn.cleanup()
        conn._loop.close()  # cleanup() stops its private loop but leaves it open


@pytest.fixture
def library(app, audio_dir):
    """Three real tracks (the first with a cover): their documents."""
    return [builders.make_track(app, audio_dir, title=title, artist=artist, album=album,
                                category=category, freq=300 + 50 * n, cover=n == 0)
            for n, (title, artist, album, category) in enumerate([
                ("Morning Song", "The Larks", "Dawn", "Songs"),
                ("Evening Story", "Grandma Rose", "Bedtime", "Stories"),
                ("Rainy Day", "The Larks", "Dawn", "Songs"),
            ])]


def sid(doc):
    return f"tr-{doc['_id']}"
