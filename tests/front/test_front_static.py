"""nginx serves the app's files itself, caps bodies with a JSON 413, and hides /metrics."""

import json

from deploy.nginx_conf import IMMUTABLE, PROJECT_ROOT, FrontSettings
from devtools.front import FrontServer
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


def test_a_built_app_is_cached_for_a_year_but_its_html_is_not(tmp_path):
    built = tmp_path / "dist" / "app"
    (built / "js").mkdir(parents=True)
    (built / "index.html").write_text("<!doctype html><title>built</title>")
    (built / "js" / "app.3f9a1c.js").write_text("console.log('built')")
    settings = FrontSettings(upstreams=["127.0.0.1:9"], run_dir=tmp_path / "nginx",
                             media_root=tmp_path, app_root=built)
    with FrontServer(settings) as front:
        page = request(front.port, "GET", "/")
        script = request(front.port, "GET", "/js/app.3f9a1c.js")
    assert (page[0], page[1]["Cache-Control"], page[2]) == (
        200, "no-cache", b"<!doctype html><title>built</title>")
    assert (script[0], script[1]["Cache-Control"]) == (200, IMMUTABLE)
