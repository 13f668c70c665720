"""Scanning a music folder in place: every format, moves, edits, deletes, bad files, links."""

import os

import pytest
from mutagen.id3 import ID3, TIT2

from server import create_app
from server import db as database
from server.library import scanner
from tests import builders
from tests.music_folders_helpers import LIBRARY, checksums, copy, fetch, listed, scan, write_library


@pytest.fixture
def music(tmp_path, audio_dir):
    return write_library(tmp_path / "music", audio_dir)


@pytest.fixture
def music_app(app, app_config, music):
    """An app with MUSIC_FOLDERS set (the `app` fixture empties the database afterwards)."""
    folder_app = create_app({**app_config, "MUSIC_FOLDERS": [str(music)]})
    yield folder_app
    database.get_client(folder_app).close()


def test_first_scan_indexes_every_format_in_place(music_app, music, media_root):
    before, stored_before = checksums(music), builders.stored_files(media_root)
    status = scan(music_app)
    assert status["state"] == "done"
    assert status["counts"]["added"] == len(LIBRARY) and status["errors"] == []
    tracks = listed(music_app)
    assert sorted(tracks) == sorted(tags["title"] for _, tags, _ in LIBRARY.values())
    assert {t["mime_type"] for t in tracks.values()} == {
        "audio/mpeg", "audio/flac", "audio/mp4", "audio/ogg"}
    assert tracks["One Song"]["category"] == "Rock"
    assert tracks["Five Vorbis"]["category"] == "Stories"  # no genre: the first folder
    stored_now = builders.stored_files(media_root) - stored_before
    assert not any(p.startswith("audio/") for p in stored_now)  # nothing copied
    assert checksums(music) == before


@pytest.mark.parametrize("title,rel", [("Two Song", "Rock/Band/two.mp3"),
                                       ("Six Opus", "Stories/six.opus")])
def test_in_place_audio_is_streamed_from_its_file(music_app, music, title, rel):
    scan(music_app)
    track = listed(music_app)[title]
    assert fetch(music_app, track["audio_url"]) == (200, (music / rel).read_bytes())
    part = fetch(music_app, track["audio_url"], headers={"Range": "bytes=10-19"})
    assert part == (206, (music / rel).read_bytes()[10:20])


def test_rescan_does_not_open_files_with_same_size_and_mtime(music_app, music):
    scan(music_app)
    path = music / "Jazz/three.flac"
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same size; the mtime is put back: a scan that opened it would notice
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    hash_before = listed(music_app)["Three Flac"]["content_hash"]
    status = scan(music_app)
    assert status["counts"]["unchanged"] == len(LIBRARY)
    assert status["total"] == 0
    assert listed(music_app)["Three Flac"]["content_hash"] == hash_before


def test_moved_and_renamed_files_keep_their_track_ids(music_app, music):
    scan(music_app)
    ids = {title: t["id"] for title, t in listed(music_app).items()}
    (music / "Elsewhere").mkdir()
    os.rename(music / "Rock/Band/one.mp3", music / "Elsewhere/one-moved.mp3")
    os.rename(music / "Jazz/four.m4a", music / "Jazz/four renamed.m4a")
    status = scan(music_app)
    assert status["counts"]["moved"] == 2
    assert status["counts"]["added"] == 0 and status["counts"]["deleted"] == 0
    assert {title: t["id"] for title, t in listed(music_app).items()} == ids
    track = listed(music_app)["One Song"]
    assert fetch(music_app, track["audio_url"]) == (
        200, (music / "Elsewhere/one-moved.mp3").read_bytes())


def test_deleted_file_removes_its_track(music_app, music):
    scan(music_app)
    gone = listed(music_app)["Five Vorbis"]
    (music / "Stories/five.ogg").unlink()
    status = scan(music_app)
    assert status["counts"]["deleted"] == 1
    assert "Five Vorbis" not in listed(music_app)
    assert music_app.test_client().get(f"/api/v1/tracks/{gone['id']}").status_code == 404


def test_tag_edit_updates_the_same_track(music_app, music):
    scan(music_app)
    before = listed(music_app)["One Song"]
    tags = ID3(music / "Rock/Band/one.mp3")
    tags.add(TIT2(encoding=3, text="One Song Retitled"))
    tags.save()
    status = scan(music_app)
    assert status["counts"]["changed"] == 1 and status["counts"]["unchanged"] == len(LIBRARY) - 1
    after = listed(music_app)["One Song Retitled"]
    assert after["id"] == before["id"] and "One Song" not in listed(music_app)


def test_bad_files_are_skipped_with_reasons(music_app, music, audio_dir):
    good = builders.make_audio(audio_dir, seconds=2.0, freq=600, title="Whole")
    (music / "Bad").mkdir()
    (music / "Bad/empty.mp3").write_bytes(b"")
    (music / "Bad/letter.mp3").write_text("not audio at all\n" * 50)
    (music / "Bad/cut.mp3").write_bytes(good.read_bytes()[:len(good.read_bytes()) // 3])
    (music / "Bad/notes.txt").write_text("liner notes")
    broken = bytearray(good.read_bytes())
    broken[3] = 9  # an ID3v2.9 header: mutagen refuses the tags, the audio is fine
    (music / "Bad/broken_tags.mp3").write_bytes(bytes(broken))
    before = checksums(music)
    status = scan(music_app)
    reasons = {e["path"]: e["reason"] for e in status["errors"]}
    assert reasons["Bad/empty.mp3"] == "empty file"
    assert reasons["Bad/letter.mp3"].startswith("not audio")
    assert reasons["Bad/cut.mp3"].startswith("truncated")
    assert reasons["Bad/notes.txt"] == "not an audio file"
    assert reasons["Bad/broken_tags.mp3"].startswith("broken tags")
    assert status["counts"]["skipped"] == 4
    assert status["counts"]["added"] == len(LIBRARY) + 1
    assert listed(music_app)["broken tags"]["mime_type"] == "audio/mpeg"
    assert checksums(music) == before


def test_rescan_opens_no_skipped_file_again_until_it_changes(music_app, music):
    (music / "Bad").mkdir()
    (music / "Bad/empty.mp3").write_bytes(b"")
    (music / "Bad/letter.mp3").write_text("not audio at all\n" * 50)
    (music / "Bad/notes.txt").write_text("liner notes")
    (music / "Bad/album.nfo").write_text("<album/>")
    first = scan(music_app)
    assert (first["total"], first["counts"]["skipped"]) == (len(LIBRARY) + 4, 4)
    again = scan(music_app)
    assert again["total"] == 0  # nothing handed to the reader: no file opened
    assert (again["counts"]["known_skipped"], again["counts"]["skipped"]) == (4, 0)
    assert again["errors"] == []  # each reason was listed by the scan that met the file
    (music / "Bad/notes.txt").write_text("longer liner notes")
    changed = scan(music_app)
    assert changed["total"] == 1 and changed["counts"]["known_skipped"] == 3
    assert changed["errors"] == [{"path": "Bad/notes.txt", "reason": "not an audio file"}]


def test_links_out_of_the_folder_are_refused(music_app, music, tmp_path, audio_dir):
    outside = copy(builders.make_audio(audio_dir, seconds=1.0, freq=700, title="Outside"),
                   tmp_path / "outside" / "secret.mp3")
    (music / "escape.mp3").symlink_to(outside)
    (music / "escape-dir").symlink_to(outside.parent, target_is_directory=True)
    (music / "inside-link.mp3").symlink_to(music / "Jazz/three.flac")
    status = scan(music_app)
    reasons = {e["path"]: e["reason"] for e in status["errors"]}
    assert "outside the music folder" in reasons["escape.mp3"]
    assert not any(p.startswith("escape-dir") for p in reasons)
    assert "Outside" not in listed(music_app)
    assert status["counts"]["added"] == len(LIBRARY) + 1  # the link inside the folder counts


def test_file_turned_into_an_escaping_link_is_missing_then_deleted(music_app, music, tmp_path):
    scan(music_app)
    track = listed(music_app)["Four Aac"]
    outside = copy(music / "Jazz/four.m4a", tmp_path / "outside" / "four.m4a")
    (music / "Jazz/four.m4a").unlink()
    (music / "Jazz/four.m4a").symlink_to(outside)  # same content, but outside the folder
    client = music_app.test_client()
    refused = client.get(track["audio_url"])
    assert refused.status_code == 404
    assert refused.get_json()["error"]["code"] == "media_missing"
    status = scan(music_app)
    assert status["counts"]["missing"] == 1
    assert listed(music_app)["Four Aac"]["missing"] is True
    (music / "Jazz/four.m4a").unlink()
    status = scan(music_app)
    assert status["counts"]["deleted"] == 1 and "Four Aac" not in listed(music_app)


def test_missing_track_comes_back_when_its_file_does(music_app, music, tmp_path):
    scan(music_app)
    track = listed(music_app)["Three Flac"]
    saved = copy(music / "Jazz/three.flac", tmp_path / "saved.flac")
    (music / "Jazz/three.flac").unlink()
    (music / "Jazz/three.flac").symlink_to(tmp_path / "nowhere.flac")  # dangling
    scan(music_app)
    assert listed(music_app)["Three Flac"]["missing"] is True
    (music / "Jazz/three.flac").unlink()
    copy(saved, music / "Jazz/three.flac")
    status = scan(music_app)
    back = listed(music_app)["Three Flac"]
    assert back["id"] == track["id"] and back["missing"] is False
    assert status["counts"]["changed"] == 1


def test_scan_command_prints_a_summary(music_app, music):
    (music / "notes.txt").write_text("liner notes")
    result = music_app.test_cli_runner().invoke(args=["scan"])
    assert result.exit_code == 0, result.output
    assert f"{len(LIBRARY)} added" in result.output
    assert "notes.txt: not an audio file" in result.output


def test_scan_command_without_folders_says_so(runner):
    result = runner.invoke(args=["scan"])
    assert result.exit_code != 0 and "MUSIC_FOLDERS is not set" in result.output


def test_a_scan_with_many_files_reads_them_in_a_process_pool(music_app, music, audio_dir,
                                                             media_root, monkeypatch):
    """The first-scan path: spawned workers read tags, hash and covers; this process stores
    each cover once and inserts in batches as results arrive (here 2 workers, batches of 3)."""
    from server.library import scan_reader

    monkeypatch.setattr(scan_reader, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(scanner, "INSERT_BATCH", 3)
    with_cover = builders.make_audio(audio_dir, seconds=1.0, freq=900, cover=True,
                                     title="Covered", album="Pictured")
    for n in range(4):  # one album, one embedded picture: one cover in the store
        data = bytearray(with_cover.read_bytes())
        data[-1] ^= n + 1  # distinct content, same tags and picture
        (music / "Pictured").mkdir(exist_ok=True)
        (music / f"Pictured/{n}.mp3").write_bytes(bytes(data))
    before, stored_before = checksums(music), builders.stored_files(media_root)
    with music_app.app_context():
        status = scanner.scan(music_app.config["MUSIC_FOLDERS"], workers=2)
    assert status["state"] == "done" and status["errors"] == []
    assert status["counts"]["added"] == len(LIBRARY) + 4
    tracks = music_app.test_client().get("/api/v1/tracks?per_page=100").get_json()["items"]
    pictured = [t for t in tracks if t["album"] == "Pictured"]
    assert len(pictured) == 4 and all(t["has_cover"] for t in pictured)
    served = {fetch(music_app, t["cover_url"]) for t in pictured}
    assert len(served) == 1 and next(iter(served))[0] == 200  # one picture, stored here
    assert next(iter(served))[1][:2] == b"\xff\xd8"
    stored = builders.stored_files(media_root) - stored_before
    assert len([p for p in stored if p.startswith("covers/")]) == 2  # full and thumbnail, once
    assert checksums(music) == before
    assert scan(music_app)["counts"]["unchanged"] == len(LIBRARY) + 4
