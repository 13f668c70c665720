"""Structured logs: a JSON access line per request and a request id echoed to the caller."""

import io
import json
import logging
import time
import urllib.request

from server.logging_setup import JsonFormatter


def log_lines(path):
    lines = []
    for raw in path.read_text().splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            continue
    return lines


def access_line(live_server, request_id, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log_lines(live_server.log_path):
            if line.get("request_id") == request_id and line.get("event") == "access":
                return line
        time.sleep(0.05)
    raise AssertionError(f"no access line for request {request_id}")


def test_live_server_writes_a_json_access_line_per_request(live_server):
    request = urllib.request.Request(f"{live_server.url}/api/v1/health?token=secret-value",
                                      headers={"X-Request-ID": "probe-123"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["X-Request-ID"] == "probe-123"
    line = access_line(live_server, "probe-123")
    assert line["method"] == "GET"
    assert line["path"] == "/api/v1/health"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"
    assert "secret-value" not in live_server.log_path.read_text()


def test_request_id_is_generated_when_missing_or_unsafe(client):
    generated = client.get("/api/v1/health").headers["X-Request-ID"]
    assert len(generated) == 32
    unsafe = client.get("/api/v1/health", headers={"X-Request-ID": "<script> " + "x" * 200})
    assert len(unsafe.headers["X-Request-ID"]) == 32


def test_error_log_is_json_with_the_request_id_and_the_traceback(app):
    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        response = app.test_client().get("/api/v1/boom", headers={"X-Request-ID": "boom-1"})
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 500
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["request_id"] == "boom-1"
    assert error["path"] == "/api/v1/boom"
    assert "RuntimeError: secret internals" in error["exception"]
    access = next(line for line in lines if line.get("event") == "access")
    assert access["status"] == 500
