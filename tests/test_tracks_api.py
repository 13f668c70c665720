"""Browsing, searching, editing and deleting tracks through /api/v1, on the real database."""

import pytest

from server.library import store
from server.library.catalogue import names
from server.library.tracks import increment_play_count
from tests.builders import admin_headers


@pytest.fixture
def library(make_track):
    """Three tracks, created in this order."""
    return {
        "stars": make_track(title="Counting Stars", artist="Ana Álvarez", album="Night Songs",
                            category="Songs", tags=["bedtime"]),
        "rain": make_track(title="the Rainy Day", artist="Bob", category="Songs",
                           tags=["Weather"], freq=500),
        "moon": make_track(title="Moon Story", artist="Cleo", album="Tales",
                           category="Stories", freq=600),
    }


def titles(client, query):
    response = client.get(f"/api/v1/tracks?{query}")
    assert response.status_code == 200, response.get_json()
    return [item["title"] for item in response.get_json()["items"]]


def test_track_json_has_the_contract_shape(client, library):
    track = library["stars"]
    body = client.get(f"/api/v1/tracks/{track['_id']}").get_json()
    assert body == {
        "id": str(track["_id"]), "title": "Counting Stars", "artist": "Ana Álvarez",
        "album": "Night Songs", "category": "Songs", "tags": ["bedtime"],
        "duration": track["duration"], "size": track["size"], "mime_type": "audio/mpeg",
        "content_hash": track["content_hash"], "has_cover": False, "missing": False,
        "audio_url": f"/media/tracks/{track['_id']}/audio",
        "cover_url": f"/media/tracks/{track['_id']}/cover?size=full",
        "thumb_url": f"/media/tracks/{track['_id']}/cover?size=thumb",
        "play_count": 0, "created_at": body["created_at"], "updated_at": body["updated_at"],
        "album_id": names.album_id({"album": "Night Songs", "artist": "Ana Álvarez"}),
        "album_artist": "Ana Álvarez", "album_artist_id": names.artist_id("Ana Álvarez"),
        "artist_id": names.artist_id("ana alvarez"), "disc_number": None, "track_number": None,
        "year": None, "genres": [],
    }
    assert body["created_at"].endswith("Z")


def test_unknown_track_is_404(client):
    response = client.get("/api/v1/tracks/65a1b2c3d4e5f60718293a4b")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("q, expected", [
    ("count", ["Counting Stars"]),           # title word prefix
    ("STARS", ["Counting Stars"]),           # any case
    ("alvarez", ["Counting Stars"]),         # accents ignored
    ("tales", ["Moon Story"]),               # album
    ("weath", ["the Rainy Day"]),            # tag
    ("bob", ["the Rainy Day"]),              # artist
    ("stars night", ["Counting Stars"]),     # every word must match
    ("stars moon", []),
    ("ars", []),                             # anchored at the start of a word
    (".*", []),                              # regex characters are escaped
    ("(", []),
    ("", ["Counting Stars", "Moon Story", "the Rainy Day"]),
])
def test_search(client, library, q, expected):
    from urllib.parse import quote

    assert titles(client, f"q={quote(q)}") == expected


def test_category_filter_ignores_case(client, library):
    assert titles(client, "category=songs") == ["Counting Stars", "the Rainy Day"]
    assert titles(client, "category=Stories&q=moon") == ["Moon Story"]
    assert titles(client, "category=Nothing") == []


def test_sorts(app, client, library):
    assert titles(client, "sort=title") == ["Counting Stars", "Moon Story", "the Rainy Day"]
    assert titles(client, "sort=newest") == ["Moon Story", "the Rainy Day", "Counting Stars"]
    with app.app_context():
        for _ in range(2):
            increment_play_count(library["rain"]["_id"])
        increment_play_count(library["moon"]["_id"])
    assert titles(client, "sort=popular") == ["the Rainy Day", "Moon Story", "Counting Stars"]


def test_paging(client, library):
    body = client.get("/api/v1/tracks?per_page=2&page=2").get_json()
    assert (body["total"], body["page"], body["per_page"]) == (3, 2, 2)
    assert [item["title"] for item in body["items"]] == ["the Rainy Day"]


@pytest.mark.parametrize("query, field", [("sort=loudest", "sort"), ("per_page=0", "per_page"),
                                          ("page=x", "page"), (f"q={'a' * 201}", "q")])
def test_bad_list_parameters_are_422(client, query, field):
    response = client.get(f"/api/v1/tracks?{query}")
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]["fields"]) == [field]


def test_categories_with_counts(client, library, make_track):
    make_track(title="Another", category="stories")  # joins the existing spelling
    assert client.get("/api/v1/categories").get_json() == {
        "items": [{"name": "Songs", "count": 2}, {"name": "Stories", "count": 2}]}


def test_admin_edits_a_track(app, client, library):
    track_id = library["moon"]["_id"]
    response = client.patch(f"/api/v1/tracks/{track_id}", headers=admin_headers(app),
                            json={"title": "  Sun   Story ", "album": None, "tags": ["Day", "day"]})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["title"], body["album"], body["tags"]) == ("Sun Story", None, ["Day"])
    assert titles(client, "q=sun") == ["Sun Story"]
    assert titles(client, "q=moon") == []


@pytest.mark.parametrize("body, fields", [
    ({"title": ""}, {"title": "must not be empty"}),
    ({"title": 5, "category": "x" * 61}, {"title": "must be a string",
                                          "category": "must be at most 60 characters"}),
    ({"tags": "a"}, {"tags": "must be a list of strings"}),
    ({"tags": [f"t{i}" for i in range(21)]}, {"tags": "at most 20 tags"}),
    ({"duration": 3}, {"duration": "unknown field"}),
])
def test_bad_edits_name_each_field(app, client, library, body, fields):
    response = client.patch(f"/api/v1/tracks/{library['moon']['_id']}",
                            headers=admin_headers(app), json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == fields


def test_edit_of_unknown_track_is_404(app, client):
    response = client.patch("/api/v1/tracks/65a1b2c3d4e5f60718293a4b",
                            headers=admin_headers(app), json={"title": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_changes_need_an_admin(app, client, library, method):
    from server.accounts import tokens, users

    url = f"/api/v1/tracks/{library['moon']['_id']}"
    assert getattr(client, method)(url, json={}).status_code == 401
    with app.app_context():
        user = users.create_user("listener", "Quiet-Evening-42")
        token = tokens.issue_token(user["_id"])
    response = getattr(client, method)(url, json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_delete_keeps_audio_another_track_shares(app, client, make_track):
    first, second = make_track(title="One", freq=700), make_track(title="Two", freq=700)
    assert first["content_hash"] == second["content_hash"]
    headers = admin_headers(app)
    with app.app_context():
        path = store.absolute(first["audio_path"])
    assert client.delete(f"/api/v1/tracks/{first['_id']}", headers=headers).status_code == 204
    assert path.exists()
    assert client.get(f"/api/v1/tracks/{first['_id']}").status_code == 404
    assert client.delete(f"/api/v1/tracks/{second['_id']}", headers=headers).status_code == 204
    assert not path.exists()
    assert client.delete(f"/api/v1/tracks/{second['_id']}", headers=headers).status_code == 404


def test_find_tracks_by_ids_joins_in_one_query(app, library):
    from bson import ObjectId

    from server.library.tracks import find_tracks_by_ids

    wanted = [library["moon"]["_id"], library["stars"]["_id"], ObjectId(), library["moon"]["_id"]]
    with app.app_context():
        found = find_tracks_by_ids(wanted)
        assert find_tracks_by_ids([]) == {}
    assert {key: doc["title"] for key, doc in found.items()} == {
        library["moon"]["_id"]: "Moon Story", library["stars"]["_id"]: "Counting Stars"}
