"""/api/v1/albums, /artists, /genres and /search: orders, filters, paging and bad input."""

import time

import pytest

from server.library import tracks
from server.library.catalogue import derived, state
from tests.catalogue_helpers import track_fields

# (album, album artist, year, genre) -> number of tracks
LIBRARY = [("Blue Hour", "Ada", 1995, "Jazz", 3), ("apple tree", "Zed", 2005, "Folk", 2),
           ("Cold River", "Ada", 2012, "Folk", 1), ("Échos", "Bea", 1980, "Jazz", 2)]


@pytest.fixture
def library(app):
    with app.app_context():
        docs = tracks.insert_tracks([
            track_fields(f"{album} {n}", album=album, artist=artist, year=year,
                         genres=[genre], track_number=n, disc_number=1)
            for album, artist, year, genre, count in LIBRARY for n in range(count, 0, -1)])
    return docs


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def titles(client, query):
    return [a["title"] for a in get(client, f"/api/v1/albums?{query}")["items"]]


@pytest.mark.parametrize("sort,expected", [
    ("title", ["apple tree", "Blue Hour", "Cold River", "Échos"]),  # case and accents ignored
    ("artist", ["Blue Hour", "Cold River", "Échos", "apple tree"]),  # then by year
    ("year", ["Échos", "Blue Hour", "apple tree", "Cold River"]),
])
def test_albums_in_each_order(client, library, sort, expected):
    assert titles(client, f"sort={sort}") == expected


def test_newest_albums_first(app, client, library):
    with app.app_context():
        tracks.insert_track(track_fields("Late", album="Zulu Late", artist="Ada"))
    assert titles(client, "sort=newest")[0] == "Zulu Late"


def test_played_orders_list_only_played_albums(app, client, library):
    by_title = {doc["title"]: doc["_id"] for doc in library}
    with app.app_context():
        for title in ("Cold River 1", "Échos 1", "Échos 2", "Cold River 1", "Cold River 1",
                      "Blue Hour 2"):
            tracks.increment_play_count(by_title[title])
            time.sleep(0.005)  # plays are stamped to the millisecond: keep their order clear
    assert titles(client, "sort=most_played") == ["Cold River", "Échos", "Blue Hour"]
    assert titles(client, "sort=recently_played") == ["Blue Hour", "Cold River", "Échos"]
    blue = get(client, "/api/v1/albums?sort=recently_played")["items"][0]
    assert blue["play_count"] == 1 and blue["last_played"]


def test_random_order_is_one_shuffle_per_seed(client, library):
    first = get(client, "/api/v1/albums?sort=random&per_page=2")
    seed = first["seed"]
    second = get(client, f"/api/v1/albums?sort=random&per_page=2&page=2&seed={seed}")
    shuffled = [a["title"] for a in first["items"] + second["items"]]
    assert sorted(shuffled) == sorted(a for a, *_ in LIBRARY)  # every album once
    assert titles(client, f"sort=random&seed={seed}") == shuffled


@pytest.mark.parametrize("query,expected", [
    ("genre=folk", ["apple tree", "Cold River"]),
    ("year_from=1990&year_to=2005", ["apple tree", "Blue Hour"]),
    ("year_from=2006", ["Cold River"]),
    ("genre=Jazz&year_to=1990", ["Échos"]),
    ("genre=Polka", []),
])
def test_album_filters(client, library, query, expected):
    assert titles(client, query) == expected


def test_artist_filter_and_paging(client, library):
    ada = get(client, "/api/v1/artists")["items"][0]
    assert (ada["name"], ada["album_count"], ada["track_count"]) == ("Ada", 2, 4)
    assert titles(client, f"artist_id={ada['id']}&sort=year") == ["Blue Hour", "Cold River"]
    page = get(client, "/api/v1/albums?per_page=3&page=2")
    assert (page["total"], [a["title"] for a in page["items"]]) == (4, ["Échos"])
    assert get(client, "/api/v1/albums?per_page=2")["total"] == 4


def test_album_detail_and_artist_detail(client, library):
    blue = get(client, "/api/v1/albums?genre=jazz&sort=year")["items"][1]
    detail = get(client, f"/api/v1/albums/{blue['id']}")
    assert [t["track_number"] for t in detail["tracks"]] == [1, 2, 3]
    assert detail["duration"] == 180.0 and detail["genres"] == ["Jazz"]
    artist = get(client, f"/api/v1/artists/{blue['artist_id']}")
    assert [a["title"] for a in artist["albums"]] == ["Blue Hour", "Cold River"]
    assert len(artist["top_tracks"]) == 4


def test_genres_with_counts(client, library):
    assert get(client, "/api/v1/genres")["items"] == [
        {"name": "Folk", "track_count": 3, "album_count": 2},
        {"name": "Jazz", "track_count": 5, "album_count": 2}]


def test_search_groups_tracks_albums_and_artists(client, library):
    found = get(client, "/api/v1/search?q=blue")
    assert [a["title"] for a in found["albums"]] == ["Blue Hour"]
    assert found["tracks"]["total"] == 3 and found["artists"] == []
    by_artist = get(client, "/api/v1/search?q=ad&limit=1")
    assert [a["name"] for a in by_artist["artists"]] == ["Ada"]
    assert len(by_artist["albums"]) == 1  # the limit holds per kind
    assert [a["title"] for a in get(client, "/api/v1/search?q=echos")["albums"]] == ["Échos"]


@pytest.mark.parametrize("url,status,field", [
    ("/api/v1/albums?sort=loudest", 422, "sort"),
    ("/api/v1/albums?year_from=2000&year_to=1990", 422, "year_to"),
    ("/api/v1/albums?year_from=soon", 422, "year_from"),
    ("/api/v1/albums?artist_id=al-0000000000000000", 422, "artist_id"),
    ("/api/v1/albums?artist_id=", 422, "artist_id"),
    ("/api/v1/albums?genre=" + "x" * 41, 422, "genre"),
    ("/api/v1/albums?per_page=1000", 422, "per_page"),
    ("/api/v1/albums?sort=random&seed=-4", 422, "seed"),
    ("/api/v1/search", 422, "q"),
    ("/api/v1/search?q=a&limit=500", 422, "limit"),
    ("/api/v1/search?q=" + "x" * 201, 422, "q"),
])
def test_bad_queries_are_clear_errors(client, library, url, status, field):
    body = get(client, url, status=status)
    assert body["error"]["code"] == "validation_failed"
    assert field in body["error"]["details"]["fields"]


@pytest.mark.parametrize("url", [
    "/api/v1/albums/al-0000000000000000", "/api/v1/albums/ar-0000000000000000",
    "/api/v1/albums/../../etc", "/api/v1/albums/" + "a" * 5000,
    "/api/v1/artists/ar-ffffffffffffffff", "/api/v1/artists/6b101e8e6fc313332a64430a",
])
def test_unknown_ids_are_404(client, library, url):
    assert get(client, url, status=404)["error"]["code"] == "not_found"


def test_play_times_survive_a_snapshot_and_a_rebuild(app, app_config, client, library):
    from server import create_app
    from server import db as database
    from server.library.catalogue import state

    by_title = {doc["title"]: doc["_id"] for doc in library}
    with app.app_context():
        for title in ("Échos 1", "Blue Hour 1"):
            tracks.increment_play_count(by_title[title])
            time.sleep(0.005)
    assert titles(client, "sort=recently_played") == ["Blue Hour", "Échos"]
    with app.app_context():
        state.of(app).write_snapshot_if_due(database.get_db(app))
        assert database.get_db(app).library_state.find_one({"_id": "snapshot"})
    for scan in (False, True):  # a new process from the snapshot, then from the collection
        fresh = create_app(dict(app_config))
        try:
            with fresh.app_context():
                catalogue = state.of(fresh)
                catalogue._rebuild(database.get_db(fresh), *journal_state(fresh), scan=scan)
            assert titles(fresh.test_client(), "sort=recently_played") == ["Blue Hour", "Échos"]
        finally:
            database.get_client(fresh).close()


def journal_state(app):
    from server import db as database
    from server.library.catalogue import journal

    return journal.read_state(database.get_db(app))


def derived_rows(conn):
    """The albums and artists rows as the catalogue holds them."""
    albums = conn.execute("SELECT id, track_count, play_count, last_played, artist_id "
                          "FROM albums ORDER BY id").fetchall()
    artists = conn.execute("SELECT id, name, track_count, album_count, play_count "
                           "FROM artists ORDER BY id").fetchall()
    return albums, artists


def test_plays_and_edits_keep_album_and_artist_rows_as_a_rebuild_makes_them(app, library):
    """Plays adjust the rows in place and edits recompute only what they touch: both must
    end where recomputing everything from the tracks ends."""
    by_title = {doc["title"]: doc["_id"] for doc in library}
    with app.app_context():
        for title in ("Blue Hour 1", "Blue Hour 1", "Échos 2", "Cold River 1"):
            tracks.increment_play_count(by_title[title])
        # A track changes album and artist, and one gets an album artist of its own.
        tracks.update_track(by_title["Blue Hour 2"], {"album": "Échos", "artist": "Bea"})
        tracks.update_track(by_title["apple tree 1"], {"album_artist": "Ada"})
        tracks.increment_play_count(by_title["Blue Hour 2"])
        conn = state.current()
        incremental = derived_rows(conn)
        derived.rebuild(conn)
        assert derived_rows(conn) == incremental
    albums = {row[0]: row for row in incremental[0]}
    assert sum(row[2] for row in albums.values()) == 5
    assert {row[1]: row[4] for row in incremental[1]}["Bea"] == 2  # Échos 2 and Blue Hour 2
