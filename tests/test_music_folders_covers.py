"""Folder covers on rescans: a cover file added, replaced or deleted reaches the unchanged
tracks beside it (their audio not opened); a track's own embedded picture wins."""

import pytest

from server import create_app
from server import db as database
from server.library import covers, tracks
from server.library.catalogue import journal
from server.subsonic import shapes
from tests import builders
from tests.music_folders_helpers import LIBRARY, checksums, copy, fetch, listed, scan, write_library

BAND = ("One Song", "Two Song")  # Rock/Band, beside the cover file; "Pictured" has its own


@pytest.fixture
def music(tmp_path, audio_dir):
    root = write_library(tmp_path / "music", audio_dir)
    copy(builders.make_audio(audio_dir, seconds=1.0, freq=460, cover=True, title="Pictured"),
         root / "Rock/Band/pictured.mp3")
    (root / "Rock/Band/cover.jpg").write_bytes(covers.generated_cover("First", size=300))
    return root


@pytest.fixture
def music_app(app, app_config, music):
    """An app with MUSIC_FOLDERS set, its folder scanned once."""
    folder_app = create_app({**app_config, "MUSIC_FOLDERS": [str(music)]})
    assert scan(folder_app)["counts"]["added"] == len(LIBRARY) + 1
    yield folder_app
    database.get_client(folder_app).close()


def cover(music_app, track):
    """What a client sees of a track's cover: (bytes, ETag, Subsonic coverArt id)."""
    response = music_app.test_client().get(track["cover_url"])
    assert response.status_code == 200
    seen = response.data, response.headers["ETag"]
    response.close()
    with music_app.app_context():
        return (*seen, shapes.song(tracks.find_track(track["id"]), None)["coverArt"])


def rescan(music_app, music):
    """Scan again, checking that no file in the folder was written; (tracks, status)."""
    before = checksums(music)
    status = scan(music_app)
    assert checksums(music) == before
    return listed(music_app), status


def only_covers_changed(status, tracks_given_a_cover):
    """The scan opened no audio (nothing to read) and updated only those tracks' covers."""
    assert status["total"] == 0 and status["counts"]["unchanged"] == len(LIBRARY) + 1
    assert status["counts"]["cover_changed"] == tracks_given_a_cover


def test_replaced_cover_file_reaches_the_unchanged_tracks(music_app, music):
    was = listed(music_app)
    old = {title: cover(music_app, was[title]) for title in (*BAND, "Pictured")}
    assert old["One Song"][:2] == old["Two Song"][:2]  # one stored image: same bytes, ETag
    (music / "Rock/Band/cover.jpg").write_bytes(covers.generated_cover("Second", size=300))
    now, status = rescan(music_app, music)
    for title in BAND:
        new = cover(music_app, now[title])
        assert all(a != b for a, b in zip(new, old[title], strict=True))  # bytes, ETag, id
    assert cover(music_app, now["Pictured"]) == old["Pictured"]  # embedded wins
    only_covers_changed(status, len(BAND))


def test_deleted_cover_file_leaves_only_embedded_pictures(music_app, music, media_root):
    stored = builders.stored_files(media_root)
    (music / "Rock/Band/cover.jpg").unlink()
    now, status = rescan(music_app, music)
    assert [now[title]["has_cover"] for title in (*BAND, "Pictured")] == [False, False, True]
    assert cover(music_app, now["One Song"])[2] is None  # Subsonic: no coverArt
    gone = stored - builders.stored_files(media_root)
    assert len(gone) == 2 and all(p.startswith("covers/") for p in gone)  # full and thumb
    only_covers_changed(status, len(BAND))


def test_added_cover_file_reaches_a_folder_that_had_none(music_app, music):
    assert not listed(music_app)["Three Flac"]["has_cover"]
    (music / "Jazz/folder.png").write_bytes(covers.generated_cover("Jazz", size=300))
    now, status = rescan(music_app, music)
    assert now["Three Flac"]["has_cover"] and now["Four Aac"]["has_cover"]
    assert cover(music_app, now["Three Flac"])[0][:2] == b"\xff\xd8"
    only_covers_changed(status, 2)


def test_no_change_rescan_changes_no_cover(music_app, music):
    now, status = rescan(music_app, music)
    assert now["One Song"]["has_cover"]
    only_covers_changed(status, 0)


def test_tracks_indexed_before_covers_were_remembered_are_read_once(music_app, music):
    """Without folder_cover, a track with a cover is read again (only its file tells whether
    the picture was its own); one without any cover just takes a cover file added since."""
    was = listed(music_app)
    old, own = (cover(music_app, was[title])[0] for title in ("One Song", "Pictured"))
    with music_app.app_context():
        for doc in tracks.collection().find():
            doc.pop("folder_cover")
            tracks.collection().replace_one({"_id": doc["_id"]}, doc)
            journal.record_upserts(database.get_db(), [doc])
    (music / "Rock/Band/cover.jpg").write_bytes(covers.generated_cover("Second", size=300))
    (music / "Jazz/cover.jpg").write_bytes(covers.generated_cover("Jazz", size=300))
    now, status = rescan(music_app, music)
    assert status["total"] == len(BAND) + 1 and status["counts"]["cover_changed"] == 2
    assert all(now[title]["has_cover"] for title in (*BAND, "Pictured", "Three Flac"))
    assert cover(music_app, now["One Song"])[0] != old
    assert cover(music_app, now["Pictured"])[0] == own  # read again: its own picture kept
    only_covers_changed(rescan(music_app, music)[1], 0)


def album_named(music_app, title):
    """The album as the API lists it."""
    response = music_app.test_client().get("/api/v1/albums?per_page=100")
    assert response.status_code == 200
    return next(album for album in response.get_json()["items"] if album["title"] == title)


def test_changed_cover_is_a_new_url_for_tracks_and_albums(music_app, music):
    """A client keeps a versioned cover for good, so a new cover must be a new URL."""
    (music / "Stories/cover.jpg").write_bytes(covers.generated_cover("First", size=300))
    was_track, _ = rescan(music_app, music)
    was_album = album_named(music_app, "Tales")
    old = fetch(music_app, was_album["cover_url"])[1]
    (music / "Stories/cover.jpg").write_bytes(covers.generated_cover("Second", size=300))
    now_track, status = rescan(music_app, music)
    now_album = album_named(music_app, "Tales")
    for key in ("cover_url", "thumb_url"):
        assert now_track["Five Vorbis"][key] != was_track["Five Vorbis"][key]
        assert now_album[key] != was_album[key]
    new = cover(music_app, now_track["Five Vorbis"])[0]
    assert new != old and fetch(music_app, now_album["cover_url"]) == (200, new)
    stale = music_app.test_client().get(was_album["cover_url"])
    assert stale.data == new and not stale.cache_control.immutable  # old URL: current cover
    stale.close()
    only_covers_changed(status, 2)
