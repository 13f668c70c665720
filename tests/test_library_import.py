"""`flask import DIR`: a generated folder of real audio files, imported into the real database."""

import os
import pty
import subprocess
import sys

import pytest

from server.library import store
from server.library.importer import import_directory

ALPHA = {"title": "Alpha Song", "artist": "Ann", "album": "First", "genre": "Songs"}


@pytest.fixture
def folder(tmp_path, make_audio):
    """Three good files in three formats, a broken one and a text file."""
    root = tmp_path / "music"
    song = make_audio(seconds=1.0, freq=330, cover=True, **ALPHA)
    (root / "Songs").mkdir(parents=True)
    (root / "Songs" / "alpha.mp3").write_bytes(song.read_bytes())
    (root / "beta.ogg").write_bytes(make_audio(seconds=1.0, freq=440, suffix=".ogg",
                                               title="Beta").read_bytes())
    (root / "Stories").mkdir()
    (root / "Stories" / "gamma_tale.flac").write_bytes(
        make_audio(seconds=0.5, freq=550, suffix=".flac").read_bytes())
    (root / "broken.mp3").write_text("this is not audio at all\n" * 20)
    (root / "notes.txt").write_text("liner notes")
    (root / ".hidden.mp3").write_text("ignored")
    return root


def run_import(runner, folder):
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 0, result.output
    return result.output


def test_import_reports_exact_summary(runner, folder, db):
    output = run_import(runner, folder)
    assert output == (
        f"Imported {folder}: 3 added, 0 updated, 1 skipped, 1 failed\n"
        "  failed broken.mp3: unreadable audio: can't sync to MPEG frame\n"
        "  skipped notes.txt: not an audio file\n"
    )
    assert db.tracks.count_documents({}) == 3


def test_import_reads_tags_duration_and_cover(runner, folder, db):
    run_import(runner, folder)
    alpha = db.tracks.find_one({"title": "Alpha Song"})
    assert (alpha["artist"], alpha["album"], alpha["category"]) == ("Ann", "First", "Songs")
    assert alpha["mime_type"] == "audio/mpeg"
    assert 0.9 < alpha["duration"] < 1.3
    assert alpha["cover_hash"]
    beta = db.tracks.find_one({"title": "Beta"})
    assert (beta["mime_type"], beta["category"], beta["cover_hash"] if "cover_hash" in beta
            else None) == ("audio/ogg", "Uncategorized", None)
    gamma = db.tracks.find_one({"mime_type": "audio/flac"})
    assert (gamma["title"], gamma["category"]) == ("gamma tale", "Stories")


def test_import_stores_content_addressed_files(app, runner, folder, db):
    run_import(runner, folder)
    alpha = db.tracks.find_one({"title": "Alpha Song"})
    assert alpha["audio_path"] == (f"audio/{alpha['content_hash'][:2]}/"
                                   f"{alpha['content_hash']}.mp3")
    with app.app_context():
        stored = store.absolute(alpha["audio_path"]).read_bytes()
    assert stored == (folder / "Songs" / "alpha.mp3").read_bytes()


def test_second_import_adds_nothing(runner, folder, db):
    run_import(runner, folder)
    before = list(db.tracks.find({}, {"updated_at": 1}).sort("_id"))
    output = run_import(runner, folder)
    assert output.splitlines()[0] == f"Imported {folder}: 0 added, 0 updated, 4 skipped, 1 failed"
    assert "  skipped Songs/alpha.mp3: unchanged" in output
    assert list(db.tracks.find({}, {"updated_at": 1}).sort("_id")) == before


def test_changed_file_updates_its_record(app, runner, folder, db, make_audio):
    run_import(runner, folder)
    old = db.tracks.find_one({"title": "Alpha Song"})
    changed = make_audio(seconds=2.0, freq=660, **{**ALPHA, "title": "Alpha Remix"})
    (folder / "Songs" / "alpha.mp3").write_bytes(changed.read_bytes())
    output = run_import(runner, folder)
    assert output.splitlines()[0] == f"Imported {folder}: 0 added, 1 updated, 3 skipped, 1 failed"
    new = db.tracks.find_one({"_id": old["_id"]})
    assert new["title"] == "Alpha Remix"
    assert new["content_hash"] != old["content_hash"]
    assert 1.9 < new["duration"] < 2.3
    assert not new.get("cover_hash")
    assert db.tracks.count_documents({}) == 3
    with app.app_context():
        assert not store.absolute(old["audio_path"]).exists()
        assert not store.absolute(old["cover_full"]).exists()
        assert store.absolute(new["audio_path"]).exists()


def test_same_audio_in_two_places_is_added_once(app, folder, db):
    (folder / "copy of alpha.mp3").write_bytes((folder / "Songs" / "alpha.mp3").read_bytes())
    with app.app_context():
        summary = import_directory(folder)
    assert summary.headline() == "3 added, 0 updated, 2 skipped, 1 failed"
    skipped = [o for o in summary.outcomes if o.path == "copy of alpha.mp3"][0]
    assert skipped.reason.startswith("same audio as track ")


@pytest.mark.parametrize("suffix, mime_type", [(".mp3", "audio/mpeg"), (".ogg", "audio/ogg"),
                                                (".opus", "audio/ogg"), (".m4a", "audio/mp4"),
                                                (".flac", "audio/flac"), (".wav", "audio/wav")])
def test_every_supported_format_is_read(app, tmp_path, make_audio, db, suffix, mime_type):
    source = make_audio(seconds=0.5, freq=500, suffix=suffix, title=f"Format {suffix}",
                        artist="Fmt")
    (tmp_path / f"track{suffix}").write_bytes(source.read_bytes())
    with app.app_context():
        assert import_directory(tmp_path).headline() == "1 added, 0 updated, 0 skipped, 0 failed"
    track = db.tracks.find_one()
    assert (track["title"], track["artist"], track["mime_type"]) == (f"Format {suffix}", "Fmt",
                                                                       mime_type)
    assert 0.4 < track["duration"] < 0.8


def test_import_of_missing_folder_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(args=["import", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_python_m_server_import_shows_a_progress_bar_on_a_terminal(app_config, folder):
    env = {**os.environ, **{key: str(value) for key, value in app_config.items()},
           "TAPCAST_ENV": "testing"}
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "server", "import", str(folder)],
                               stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    output = b"".join(chunks).decode()
    assert "Importing  [" in output and "5/5" in output
    assert f"Imported {folder}: " in output
    assert "  failed broken.mp3: " in output


def test_stale_staged_files_are_swept(app):
    with app.app_context():
        staged, fresh = store.stage_file(__file__), store.stage_file(__file__)
        os.utime(staged.path, (0, 0))
        assert store.sweep_staging() == 1
        assert not staged.path.exists() and fresh.path.exists()
        fresh.discard()

