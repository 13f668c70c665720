"""nginx serves the app's files itself, caps bodies with a JSON 413, and hides /metrics."""

import json

from deploy.nginx_conf import PROJECT_ROOT
from tests.front.conftest import METRICS_TOKEN
from tests.front.http import request


def test_app_files_come_from_nginx_with_revalidation(front_stack):
    front, _, _ = front_stack
    status, headers, body = request(front.port, "GET", "/")
    assert status == 200
    assert body == (PROJECT_ROOT / "mobile" / "index.html").read_bytes()
    assert headers["Cache-Control"] == "no-cache"
    status, headers, body = request(front.port, "GET", "/js/api.js")
    assert status == 200 and headers["Content-Type"] == "application/javascript"
    status, _, _ = request(front.port, "GET", "/js/api.js", headers={"If-None-Match":
                                                                      headers["ETag"]})
    assert status == 304


def test_a_body_over_the_cap_is_a_json_413(front_stack):
    front, _, _ = front_stack
    status, headers, body = request(front.port, "POST", "/api/v1/tracks", body="x" * (3 << 20))
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_metrics_are_never_proxied(front_stack):
    front, first, _ = front_stack
    auth = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    assert request(front.port, "GET", "/metrics", headers=auth)[0] == 404
    status, _, body = request(first.port, "GET", "/metrics", headers=auth)
    assert status == 200 and b"tapcast_http_requests_total" in body


def test_the_receiver_is_proxied(front_stack):
    front, _, _ = front_stack
    status, _, body = request(front.port, "GET", "/receiver/")
    assert status == 200
    assert body == (PROJECT_ROOT / "receiver" / "index.html").read_bytes()
