"""Search as users expect it: every word's prefix, accents and case both ways, ranked, typos."""

from urllib.parse import quote

import pytest

from server.library import tracks
from server.library.catalogue import ranks, state
from tests.catalogue_helpers import track_fields


@pytest.fixture
def library(app):
    """A small library whose words sit in different fields."""
    with app.app_context():
        tracks.insert_tracks([
            track_fields("Sleepy Bear", artist="Nina", album="Dreams", tags=["calm"]),
            track_fields("Élan Vital", artist="Zoé", category="Stories"),
            track_fields("Elan Street", artist="Bob"),
            track_fields("Morning Walk", artist="Dream Team", tags=["bear"]),
            track_fields("Forest Tune", album="Bear Country", artist="Ola"),
            track_fields("Rain", artist="Bearded Man", category="Lullabies"),
        ])


def titles(client, q, extra=""):
    response = client.get(f"/api/v1/tracks?q={quote(q)}{extra}")
    assert response.status_code == 200, response.get_json()
    return [item["title"] for item in response.get_json()["items"]]


@pytest.mark.parametrize("q, expected", [
    ("elan", ["Elan Street", "Élan Vital"]),  # no accent finds the accented title too
    ("élan", ["Elan Street", "Élan Vital"]),  # and an accent finds the plain one
    ("ÉLAN VIT", ["Élan Vital"]),             # case, and the prefix of every word
    ("zoe", ["Élan Vital"]),
    ("slee be", ["Sleepy Bear"]),
    ("lullab", ["Rain"]),                     # category names are searchable
    ("stories", ["Élan Vital"]),
])
def test_prefixes_accents_and_case(client, library, q, expected):
    assert sorted(titles(client, q)) == sorted(expected)


def test_results_rank_title_over_artist_over_album_over_tags(client, library):
    assert titles(client, "bear") == ["Sleepy Bear", "Rain", "Forest Tune", "Morning Walk"]


def test_an_explicit_sort_overrides_the_ranking(client, library):
    assert titles(client, "bear", "&sort=title") == ["Forest Tune", "Morning Walk", "Rain",
                                                     "Sleepy Bear"]


@pytest.mark.parametrize("q, expected", [
    ("sleepi", ["Sleepy Bear"]),          # a wrong last letter
    ("slepy", ["Sleepy Bear"]),           # a missing letter
    ("mornign walk", ["Morning Walk"]),   # two letters swapped, and a correct word
    ("forset", ["Forest Tune"]),
])
def test_typos_find_the_nearest_words(client, library, q, expected):
    assert titles(client, q) == expected


@pytest.mark.parametrize("q", ["zzzz", "sleepy zzzz", "qwertyuiop"])
def test_words_nothing_resembles_find_nothing(client, library, q):
    assert titles(client, q) == []


def test_search_total_counts_every_match(app, client):
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Lullaby {n}") for n in range(30)]
                             + [track_fields("Other")])
    body = client.get("/api/v1/tracks?q=lull&per_page=20").get_json()
    assert (body["total"], len(body["items"])) == (30, 20)


def test_a_kept_search_order_follows_edits_deletes_and_plays(app, client, library):
    assert titles(client, "bear") == ["Sleepy Bear", "Rain", "Forest Tune", "Morning Walk"]
    with app.app_context():
        by_title = {doc["title"]: doc["_id"]
                    for doc in tracks.list_tracks(per_page=100)[0]}
        tracks.update_track(by_title["Morning Walk"], {"title": "Bear Walk"})
        tracks.delete_track(by_title["Rain"])
        tracks.insert_track(track_fields("Polar Bear"))
        tracks.increment_play_count(by_title["Forest Tune"])
    kept = titles(client, "bear")
    assert sorted(kept) == ["Bear Walk", "Forest Tune", "Polar Bear", "Sleepy Bear"]
    with app.app_context():
        ranks.forget(state.current())  # ranked afresh: the same order
    assert titles(client, "bear") == kept
    body = client.get("/api/v1/tracks?q=bear").get_json()
    assert body["total"] == 4
    assert {item["title"]: item["play_count"] for item in body["items"]}["Forest Tune"] == 1
    assert titles(client, "bear", "&sort=popular")[0] == "Forest Tune"


def test_pages_beyond_the_kept_order_read_the_catalogue(app, client):
    count = ranks.KEPT + 30
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Lullaby {n:03d}") for n in range(count)])
    seen = []
    for page in range(1, count // 100 + 2):
        body = client.get(f"/api/v1/tracks?q=lull&sort=title&per_page=100&page={page}"
                          ).get_json()
        assert body["total"] == count
        seen += [item["title"] for item in body["items"]]
    assert seen == [f"Lullaby {n:03d}" for n in range(count)]
