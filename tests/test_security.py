"""Security defaults: headers on every response, CORS from configuration, size limits,
no internals in responses, production refusing an unsafe configuration."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from pymongo.errors import OperationFailure

from devtools.liveserver import ROOT, LiveServer
from server import create_app
from server.db import get_client


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/no-such-thing",
                                  "/api/v1/openapi.json"])
def test_json_responses_carry_strict_headers(client, path):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


@pytest.mark.parametrize("path", ["/", "/receiver/", "/api/docs"])
def test_html_pages_may_be_framed_by_the_same_origin_only(client, path):
    # The phone app's browser host runs its pages in same-origin iframes.
    response = client.get(path)
    response.close()
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("path, scripts", [
    ("/", "script-src 'self' 'unsafe-eval'"),  # the browser host's evalJS
    ("/receiver/", "script-src 'self';"),
    ("/api/docs", "script-src 'sha256-"),  # its one inline script, by hash
])
def test_pages_run_only_their_own_scripts(client, path, scripts):
    response = client.get(path)
    response.close()
    policy = response.headers["Content-Security-Policy"]
    assert scripts in policy and "object-src 'none'" in policy and "base-uri 'none'" in policy


@pytest.mark.parametrize("path, body", [
    ("/api/v1/auth/register", {"username": "nora", "password": "secret-password-1"}),
    ("/api/v1/devices", {"name": "Kitchen"}),
])
def test_token_responses_are_never_stored(client, path, body):
    response = client.post(path, json=body)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"


def test_media_carries_nosniff_and_same_origin_framing(client, make_track):
    track = make_track(title="Headers")
    response = client.get(f"/media/tracks/{track['_id']}/audio", headers={"Range": "bytes=0-9"})
    response.close()
    assert response.status_code == 206
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_cors_allows_the_app_origins_without_credentials(client):
    response = client.get("/api/v1/health", headers={"Origin": "http://localhost:8080"})
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:8080"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Content-Range" in response.headers["Access-Control-Expose-Headers"]


def test_cors_ignores_other_origins(client):
    response = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_origins_come_from_the_environment(monkeypatch, app_config):
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example, https://other.example")
    app = create_app(dict(app_config))
    try:
        client = app.test_client()
        preflight = client.options("/api/v1/health", headers={
            "Origin": "https://app.example", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Authorization"})
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
        local = client.get("/api/v1/health", headers={"Origin": "http://localhost:8080"})
        assert "Access-Control-Allow-Origin" not in local.headers
    finally:
        get_client(app).close()


def probe_app(app):
    @app.post("/api/v1/probe")
    def probe():
        from flask import request

        return {"size": len(request.get_data())}

    return app.test_client()


def test_json_body_over_the_json_limit_is_413(app):
    client = probe_app(app)
    body = b'{"x": "' + b"a" * app.config["MAX_JSON_BYTES"] + b'"}'
    response = client.post("/api/v1/probe", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_upload_over_the_upload_limit_is_413(app):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    client = probe_app(app)
    response = client.post("/api/v1/probe", data=b"x" * 5000, content_type="audio/mpeg")
    assert response.status_code == 413
    assert response.get_json()["error"]["details"] == {"limit": 4096}
    small = client.post("/api/v1/probe", data=b"x" * 4000, content_type="audio/mpeg")
    assert small.get_json() == {"size": 4000}


def test_live_server_answers_an_oversized_body_with_413_json(live_server):
    body = json.dumps({"blob": "a" * (2 * 1024 * 1024)}).encode()
    request = urllib.request.Request(f"{live_server.url}/api/v1/health", data=body,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    with caught.value as error:
        assert error.code == 413
        assert json.load(error)["error"]["code"] == "payload_too_large"


def test_database_errors_do_not_leak_into_responses(app):
    @app.get("/api/v1/leak")
    def leak():
        raise OperationFailure("E11000 duplicate key error collection: tapcast.users")

    response = app.test_client().get("/api/v1/leak")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "E11000" not in text and "tapcast.users" not in text
    assert response.get_json()["error"]["code"] == "internal_error"


def run_server_command(env):
    return subprocess.run([sys.executable, "-m", "server"], cwd=ROOT, capture_output=True,
                          text=True, timeout=30, env={**os.environ, **env})


@pytest.mark.parametrize("env", [
    {"SECRET_KEY": ""},
    {"SECRET_KEY": "dev-secret-change-me"},
    {"SECRET_KEY": "a-long-random-production-secret", "BENCH_ROUTES": "1"},
])
def test_production_server_refuses_unsafe_configuration(env):
    result = run_server_command({"TAPCAST_ENV": "production", "PORT": "1", **env})
    assert result.returncode != 0
    assert "refusing to start" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_server_starts_with_a_real_secret(app_config, tmp_path):
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="production", SECRET_KEY="a-long-random-production-secret")
    with LiveServer(env, log_path=tmp_path / "server.log") as server:
        with urllib.request.urlopen(f"{server.url}/api/v1/health", timeout=5) as response:
            body = json.load(response)
            assert body["status"] == "ok" and "env" not in body  # health names no environment
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{server.url}/_bench/bare", timeout=5)
        with caught.value as error:
            assert error.code == 404
