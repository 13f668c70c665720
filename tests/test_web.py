"""The phone app's files are served at / (mobile/, or its build), and nothing else."""

import json
import re
import subprocess

import pytest

from server import create_app
from server.config import PROJECT_ROOT

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def app_config(app_config):
    """These tests read the source pages, whether or not a build exists."""
    return {**app_config, "APP_DIR": PROJECT_ROOT / "mobile"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A real `npm run build` of the app into a folder of this test run."""
    out = tmp_path_factory.mktemp("app")
    subprocess.run(["node", str(PROJECT_ROOT / "scripts" / "build-app.mjs"), str(out)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    return out


@pytest.fixture
def built_client(app_config, built):
    app = create_app({**app_config, "APP_DIR": built})
    return app.test_client()


def fetch(client, path):
    """(response, text) with the file response closed (send_file keeps the file open)."""
    with client.get(path) as response:
        return response, response.get_data(as_text=True)


def test_root_is_the_main_webview(client):
    response, page = fetch(client, "/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    for hook in ("data-tabbar", "data-mini-player", 'data-tab="library"', "js/pages/main.js"):
        assert hook in page


@pytest.mark.parametrize("path", ["/pages/library.html", "/pages/track.html", "/pages/me.html"])
def test_pages_are_served(client, path):
    response, page = fetch(client, path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "../lib/mui/js/mui.min.js" in page


@pytest.mark.parametrize("path", ["/js/host/index.js", "/js/api.js", "/js/pages/main.js"])
def test_modules_are_javascript(client, path):
    response, _ = fetch(client, path)
    assert response.status_code == 200 and response.mimetype == "text/javascript"


def test_manifest_is_an_hbuilder_manifest(client):
    response, text = fetch(client, "/manifest.json")
    manifest = json.loads(text)
    assert response.status_code == 200
    assert manifest["launch_path"] == "index.html"
    assert {"Audio", "Storage", "Webview"} <= set(manifest["permissions"])


@pytest.mark.parametrize("path", ["/pages/../../server/config.py", "/js/nope.js",
                                  "/server/config.py", "/mobile/index.html"])
def test_nothing_else_is_served(client, path):
    response, text = fetch(client, path)
    assert response.status_code == 404
    assert json.loads(text)["error"]["code"] == "not_found"


def hashed_files(page):
    return re.findall(r'(?:src|href)="((?:\.\./)?assets/[^"]+)"', page)


def test_built_index_is_revalidated_and_loads_hashed_files(built_client):
    response, page = fetch(built_client, "/")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"
    assert response.headers.get("ETag")
    assert len(hashed_files(page)) == 3 and 'type="module"' not in page


def test_built_hashed_files_are_immutable(built_client):
    _, page = fetch(built_client, "/pages/library.html")
    for path in hashed_files(page):
        response, _ = fetch(built_client, "/" + path.removeprefix("../"))
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == IMMUTABLE


def test_built_missing_asset_is_a_json_404(built_client):
    response, text = fetch(built_client, "/assets/app-0000000000.js")
    assert response.status_code == 404
    assert json.loads(text)["error"]["code"] == "not_found"
    assert response.headers.get("Cache-Control") != IMMUTABLE


def test_built_page_revalidates_with_its_etag(built_client):
    first, _ = fetch(built_client, "/pages/me.html")
    with built_client.get("/pages/me.html",
                          headers={"If-None-Match": first.headers["ETag"]}) as again:
        assert again.status_code == 304


@pytest.mark.parametrize("which", ["source", "build"])
def test_service_worker_is_served_at_the_root_and_revalidated(client, built_client, which):
    """At /sw.js its scope covers every page; no-cache so a new version is found at once."""
    response, text = fetch(client if which == "source" else built_client, "/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "addEventListener('fetch'" in text


def test_build_keeps_the_new_pages(built_client):
    for path in ("/pages/queue.html", "/pages/downloads.html"):
        response, page = fetch(built_client, path)
        assert response.status_code == 200 and 'type="module"' not in page, path


def test_built_bundle_is_sent_gzipped_to_clients_that_accept_it(built_client):
    import gzip

    _, page = fetch(built_client, "/")
    path = "/" + next(p for p in hashed_files(page) if p.endswith(".js") and "/app-" in p)
    plain, body = fetch(built_client, path)
    with built_client.get(path, headers={"Accept-Encoding": "gzip, br"}) as packed:
        assert packed.headers["Content-Encoding"] == "gzip"
        assert packed.mimetype == plain.mimetype == "text/javascript"
        assert packed.headers["Cache-Control"] == IMMUTABLE
        assert gzip.decompress(packed.get_data()).decode() == body
    assert "Content-Encoding" not in plain.headers and plain.headers["Vary"] == "Accept-Encoding"
