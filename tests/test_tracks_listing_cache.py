"""Cached list pages: a write served by any process shows at once, and totals stay exact."""

import json
import urllib.request

import pytest

from server.library import tracks


def live_list(live_server, query=""):
    """GET /api/v1/tracks from the real server process (its own cache, its own pool)."""
    url = f"{live_server.url}/api/v1/tracks?{query}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def live_titles(live_server, query=""):
    return [item["title"] for item in live_list(live_server, query)["items"]]


@pytest.fixture
def two(make_track):
    return [make_track(title="Alpha", category="Songs"),
            make_track(title="Beta", category="Songs", freq=500)]


def test_another_process_sees_an_edit_at_once(app, live_server, two):
    assert live_titles(live_server, "sort=title") == ["Alpha", "Beta"]
    with app.app_context():
        tracks.update_track(two[0]["_id"], {"title": "Zulu"})
    assert live_titles(live_server, "sort=title") == ["Beta", "Zulu"]


def test_another_process_sees_inserts_and_deletes_at_once(app, live_server, two, make_track):
    assert live_list(live_server)["total"] == 2
    make_track(title="Gamma", freq=600)
    assert live_list(live_server)["total"] == 3
    with app.app_context():
        tracks.delete_track(two[1]["_id"])
    assert live_titles(live_server) == ["Alpha", "Gamma"]


def test_plays_show_in_counts_and_popular_order_at_once(app, live_server, two):
    assert live_titles(live_server, "sort=popular") == ["Alpha", "Beta"]
    with app.app_context():
        tracks.increment_play_count(two[1]["_id"])
    body = live_list(live_server, "sort=popular")
    assert [(item["title"], item["play_count"]) for item in body["items"]] == [
        ("Beta", 1), ("Alpha", 0)]


@pytest.mark.parametrize("query, total, count", [
    ("per_page=2", 3, 2),            # a full page: counted
    ("per_page=3", 3, 3),            # exactly full: counted
    ("per_page=5", 3, 3),            # holds every match
    ("per_page=2&page=2", 3, 1),     # the last, partial page
    ("per_page=2&page=3", 3, 0),     # past the end: still the true total
    ("per_page=1&category=songs", 2, 1),
    ("q=zzz", 0, 0),
])
def test_totals_stay_exact(client, make_track, query, total, count):
    for index, title in enumerate(["One", "Two", "Three"]):
        make_track(title=title, category="Songs" if index < 2 else "Stories", freq=400 + index)
    for _ in range(2):  # the second answer comes from the cache
        body = client.get(f"/api/v1/tracks?{query}").get_json()
        assert (body["total"], len(body["items"])) == (total, count)


def test_listing_leaves_out_the_normalised_copies(app, two):
    with app.app_context():
        docs, _ = tracks.list_tracks()
    assert all("search_words" not in doc and "title_key" not in doc for doc in docs)


def test_an_emptied_database_starts_a_new_version(app, db, client, two):
    assert client.get("/api/v1/tracks").get_json()["total"] == 2
    for name in ("tracks", "library_state"):
        db[name].delete_many({})
    assert client.get("/api/v1/tracks").get_json()["total"] == 0
