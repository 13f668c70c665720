"""The phone app's files are served at / (mobile/), and nothing else from the disk."""

import json

import pytest


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
