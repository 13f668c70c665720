"""Catalogues that skip library_state between notices still show every write: their own at
once, another process's when the broker's notice arrives, and any within CATALOGUE_STALE_MS."""

import time

import pytest
import redis

from devtools.liveserver import LiveServer
from devtools.redis_server import RedisServer
from server.library import tracks
from server.library.catalogue import notices
from tests.builders import admin_headers
from tests.catalogue_helpers import call, get_json, track_fields, upload

LONG_STALENESS_MS = 600_000  # so long that only a notice can explain a fresh answer
SHORT_STALENESS_MS = 1_000


def server_env(app_config, **extra):
    return {**{key: str(value) for key, value in app_config.items()},
            "TAPCAST_ENV": "testing", **{key: str(value) for key, value in extra.items()}}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server.url
    finally:
        server.stop()


def titles(server, query):
    status, body = get_json(server, f"/api/v1/tracks?per_page=100&{query}")
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def eventually(read, expected, within=15.0):
    """The first answer of read() equal to expected, polling for up to `within` seconds."""
    deadline = time.monotonic() + within
    while (answer := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return answer


def test_a_write_reaches_the_other_process_through_the_broker(
        app, app_config, make_audio, redis_url, tmp_path):
    env = server_env(app_config, REDIS_URL=redis_url, CATALOGUE_STALE_MS=LONG_STALENESS_MS)
    with (LiveServer(env, log_path=tmp_path / "a.log") as a,
          LiveServer(env, log_path=tmp_path / "b.log") as b):
        assert titles(a, "q=moth") == titles(b, "q=moth") == []  # both loaded, and checked
        admin = admin_headers(app)
        status, track = upload(a, admin, make_audio(freq=930), title="Moth Light")
        assert status == 201, track
        assert titles(a, "q=moth") == ["Moth Light"]  # the writer's own: at once
        assert eventually(lambda: titles(b, "q=moth"), ["Moth Light"]) == ["Moth Light"]

        status, _ = call(b, "PATCH", f"/api/v1/tracks/{track['id']}", {"title": "Moth Dark"},
                         admin)
        assert status == 200
        assert titles(b, "q=moth") == ["Moth Dark"]
        assert eventually(lambda: titles(a, "q=moth"), ["Moth Dark"]) == ["Moth Dark"]


def test_without_a_notice_a_write_shows_within_the_staleness_bound(app, app_config, tmp_path):
    env = server_env(app_config, CATALOGUE_STALE_MS=SHORT_STALENESS_MS)
    with LiveServer(env, log_path=tmp_path / "alone.log") as server:
        assert titles(server, "q=cricket") == []
        with app.app_context():  # another process, without a broker: no notice is sent
            tracks.insert_track(track_fields("Cricket Song"))
        assert eventually(lambda: titles(server, "q=cricket"), ["Cricket Song"]) == \
            ["Cricket Song"]


def test_a_malformed_notice_is_ignored(app, app_config, redis_url, tmp_path):
    env = server_env(app_config, REDIS_URL=redis_url, CATALOGUE_STALE_MS=LONG_STALENESS_MS)
    with LiveServer(env, log_path=tmp_path / "garbage.log") as server:
        assert titles(server, "q=owl") == []
        client = redis.Redis.from_url(redis_url)
        for payload in ("0\nnot json", '0\n{"epoch": 1}', '0\n{"seq": "x", "epoch": "e"}', "0"):
            client.publish(f"tapcast:{notices.GROUP}", payload)
        assert get_json(server, "/api/v1/health")[0] == 200
        assert titles(server, "q=owl") == []
