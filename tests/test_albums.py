"""Albums, artists and genres derived from the tags of a scanned music folder."""

import io

import pytest

from server import create_app
from server import db as database
from server.library import scanner
from server.library.catalogue import names
from tests.album_helpers import ALBUMS, retag, write_albums
from tests.music_folders_helpers import checksums


@pytest.fixture
def music(tmp_path, audio_dir):
    return write_albums(tmp_path / "music", audio_dir)


@pytest.fixture
def music_app(app, app_config, music):
    folder_app = create_app({**app_config, "MUSIC_FOLDERS": [str(music)]})
    yield folder_app
    database.get_client(folder_app).close()


def scan(music_app):
    with music_app.app_context():
        status = scanner.scan(music_app.config["MUSIC_FOLDERS"])
    assert status["state"] == "done", status["errors"]
    return status


def get(music_app, url, status=200):
    response = music_app.test_client().get(url)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def albums_by_title(music_app, query=""):
    return {a["title"]: a for a in get(music_app, f"/api/v1/albums?per_page=100{query}")["items"]}


def test_multi_disc_album_lists_its_tracks_in_disc_and_track_order(music_app, music):
    before = checksums(music)
    scan(music_app)
    album = albums_by_title(music_app)["Night Songs"]
    assert (album["artist"], album["year"], album["track_count"], album["disc_count"]) == (
        "Nina Blue", 2001, 3, 2)
    detail = get(music_app, f"/api/v1/albums/{album['id']}")
    assert [t["title"] for t in detail["tracks"]] == ["Moon Rise", "Star Count", "Dawn Again"]
    assert [(t["disc_number"], t["track_number"]) for t in detail["tracks"]] == [
        (1, 1), (1, 2), (2, 1)]
    assert detail["duration"] == pytest.approx(sum(t["duration"] for t in detail["tracks"]))
    assert checksums(music) == before  # tags and covers were only read


def test_compilation_is_filed_under_various_artists(music_app):
    scan(music_app)
    album = albums_by_title(music_app)["Summer Hits"]
    assert album["artist"] == names.VARIOUS_ARTISTS and album["compilation"] is True
    assert album["track_count"] == 2  # not split by the tracks' own artists
    artists = {a["name"]: a for a in get(music_app, "/api/v1/artists?per_page=100")["items"]}
    assert {"Ola Sun", "Bob Beach", names.VARIOUS_ARTISTS} <= set(artists)
    ola = get(music_app, f"/api/v1/artists/{artists['Ola Sun']['id']}")
    assert ola["albums"] == [] and [a["title"] for a in ola["appears_on"]] == ["Summer Hits"]
    assert [t["title"] for t in ola["top_tracks"]] == ["Sunny"]


def test_several_genres_per_file_count_in_each(music_app):
    scan(music_app)
    genres = {g["name"]: g for g in get(music_app, "/api/v1/genres")["items"]}
    assert set(genres) == {"Jazz", "Lullaby", "Ambient", "Pop", "Dance", "Folk"}
    assert (genres["Jazz"]["track_count"], genres["Jazz"]["album_count"]) == (3, 1)
    assert (genres["Pop"]["track_count"], genres["Dance"]["track_count"]) == (2, 1)
    night = albums_by_title(music_app)["Night Songs"]
    assert night["genres"] == ["Ambient", "Jazz", "Lullaby"]
    assert set(albums_by_title(music_app, "&genre=dance")) == {"Summer Hits"}


def test_folder_covers_are_used_for_tracks_without_an_embedded_one(music_app):
    scan(music_app)
    tracks = {t["title"]: t for t in get(music_app, "/api/v1/tracks?per_page=100")["items"]}
    moon = tracks["Moon Rise"]
    assert moon["has_cover"] and tracks["Star Count"]["has_cover"]
    assert tracks["Dawn Again"]["has_cover"]
    assert not tracks["Sunny"]["has_cover"]
    pictures = {title: image(music_app, tracks[title]["thumb_url"])
                for title in ("Moon Rise", "Star Count", "Dawn Again")}
    assert pictures["Moon Rise"] == pictures["Star Count"]  # one cover.jpg, one stored image
    assert pictures["Dawn Again"] != pictures["Moon Rise"]  # disc 2 has its own folder.png
    album = albums_by_title(music_app)["Night Songs"]
    assert album["thumb_url"] == moon["thumb_url"]  # the first track with a cover


def image(music_app, url):
    """The JPEG bytes of a cover URL, checked to be a square grid thumbnail."""
    from PIL import Image

    response = music_app.test_client().get(url)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    data = response.data
    response.close()
    assert Image.open(io.BytesIO(data)).size == (256, 256)
    return data


def test_album_artist_tag_files_the_album_and_the_artist_appears_on_it(music_app):
    scan(music_app)
    forest = albums_by_title(music_app)["Forest"]
    assert forest["artist"] == "The Trio"
    nina = get(music_app, f"/api/v1/artists/{names.artist_id('Nina Blue')}")
    assert [a["title"] for a in nina["albums"]] == ["Night Songs"]
    assert [a["title"] for a in nina["appears_on"]] == ["Forest"]
    assert nina["track_count"] == 4 and nina["album_count"] == 1


def test_tag_edit_moves_a_track_to_another_album(music_app, music):
    scan(music_app)
    before = albums_by_title(music_app)
    moved = get(music_app, f"/api/v1/albums/{before['Night Songs']['id']}")["tracks"][2]
    retag(music / "Nina Blue/Night Songs/CD2/01.mp3", album="Morning Songs", disc="1")
    status = scan(music_app)
    assert status["counts"]["changed"] == 1
    after = albums_by_title(music_app)
    assert after["Night Songs"]["id"] == before["Night Songs"]["id"]
    assert (after["Night Songs"]["track_count"], after["Night Songs"]["disc_count"]) == (2, 1)
    assert after["Night Songs"]["genres"] == ["Jazz", "Lullaby"]  # Ambient left with the track
    morning = get(music_app, f"/api/v1/albums/{after['Morning Songs']['id']}")
    assert [t["id"] for t in morning["tracks"]] == [moved["id"]]  # the same track, moved
    assert morning["tracks"][0]["album_id"] == morning["id"]


def test_ids_are_stable_across_rescans_and_new_processes(music_app, app_config, music):
    scan(music_app)
    first = albums_by_title(music_app)
    retag(music / "Trio/Forest/01.flac", title="Tall Trees Again")
    scan(music_app)
    fresh = create_app({**app_config, "MUSIC_FOLDERS": [str(music)]})  # a new catalogue
    try:
        again = albums_by_title(fresh)
    finally:
        database.get_client(fresh).close()
    assert {t: a["id"] for t, a in again.items()} == {t: a["id"] for t, a in first.items()}
    assert first["Forest"]["id"] == names.album_id({"album": "forest", "album_artist": "THE TRIO"})
    assert first["Forest"]["artist_id"] == names.artist_id("The Trio")


def test_deleting_the_last_track_removes_its_album_artist_and_genre(music_app, music):
    scan(music_app)
    forest = albums_by_title(music_app)["Forest"]
    (music / "Trio/Forest/01.flac").unlink()
    scan(music_app)
    assert "Forest" not in albums_by_title(music_app)
    get(music_app, f"/api/v1/albums/{forest['id']}", status=404)
    get(music_app, f"/api/v1/artists/{forest['artist_id']}", status=404)
    assert "Folk" not in {g["name"] for g in get(music_app, "/api/v1/genres")["items"]}
    assert len(get(music_app, "/api/v1/tracks?per_page=100")["items"]) == len(ALBUMS) - 1
