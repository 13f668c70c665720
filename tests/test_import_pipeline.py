"""The import pipeline at work: batches, worker processes, the index read once, shared covers."""

import os
import signal
import subprocess
import sys
import time

import pytest

from server.library import ingest, store, synth
from server.library.importer import import_directory

KEYS = ("title", "artist", "album", "category", "tags", "duration", "size", "mime_type",
        "content_hash", "audio_path", "cover_hash", "cover_full", "cover_thumb", "source_path")


@pytest.fixture
def album(tmp_path, make_audio):
    """Seven tagged MP3s in one folder, sharing one cover, with a broken file in the middle."""
    root = tmp_path / "library"
    (root / "Songs").mkdir(parents=True)
    cover = (tmp_path / "cover.jpg")
    cover.write_bytes(synth_cover())
    for number in range(1, 8):
        path = root / "Songs" / f"{number:02d}.mp3"
        if number == 4:
            path.write_text("not audio at all\n" * 30)
            continue
        source = make_audio(seconds=0.5, freq=300 + 40 * number, title=f"Song {number}",
                            artist="Band", album="Shared", genre="Songs")
        path.write_bytes(source.read_bytes())
        synth.embed_cover(path, cover.read_bytes())
    return root


def synth_cover():
    from server.library import covers

    return covers.generated_cover("Shared", "Band", size=300)


def records(db):
    """{title: the fields an import decides} for every track."""
    return {doc["title"]: {key: doc.get(key) for key in KEYS} for doc in db.tracks.find()}


@pytest.mark.parametrize("workers, batch_size", [(1, 200), (2, 2), (2, 200)])
def test_summary_is_exact_whatever_the_batches_and_workers(app, album, db, workers, batch_size):
    with app.app_context():
        summary = import_directory(album, workers=workers, batch_size=batch_size)
    assert summary.headline() == "6 added, 0 updated, 0 skipped, 1 failed"
    assert summary.details() == ["failed Songs/04.mp3: unreadable audio: can't sync to MPEG frame"]
    assert [o.path for o in summary.outcomes] == [f"Songs/{n:02d}.mp3" for n in range(1, 8)]
    assert sorted(records(db)) == [f"Song {n}" for n in (1, 2, 3, 5, 6, 7)]


def test_worker_processes_write_the_same_records_as_one_process(app, album, db):
    with app.app_context():
        import_directory(album, workers=1)
    alone = records(db)
    with app.app_context():
        for doc in db.tracks.find():
            ingest.remove_track(doc["_id"])  # journalled, so the catalogue forgets them too
        import_directory(album, workers=2, batch_size=2)
    assert records(db) == alone
    song = alone["Song 7"]
    assert (song["artist"], song["album"], song["category"]) == ("Band", "Shared", "Songs")
    assert 0.4 < song["duration"] < 0.8


def test_an_album_shares_one_stored_cover(app, album, db):
    with app.app_context():
        import_directory(album, workers=2, batch_size=2)
        covers = {(d["cover_hash"], d["cover_full"], d["cover_thumb"]) for d in db.tracks.find()}
        assert len(covers) == 1
        (_, full, thumb), = covers
        assert store.absolute(full).stat().st_size > 0
        assert store.absolute(thumb).stat().st_size > 0


def test_a_rerun_reads_nothing_and_adds_nothing(app, album, db):
    with app.app_context():
        first = import_directory(album, workers=2, batch_size=2)
        before = list(db.tracks.find().sort("_id"))
        again = import_directory(album, workers=2, batch_size=2)
    assert again.headline() == "0 added, 0 updated, 6 skipped, 1 failed"
    assert {o.reason for o in again.outcomes if o.status == "skipped"} == {"unchanged"}
    added = {o.path: o.track_id for o in first.outcomes if o.status == "added"}
    assert {o.path: o.track_id for o in again.outcomes if o.status == "skipped"} == added
    assert list(db.tracks.find().sort("_id")) == before


def test_a_touched_but_identical_file_is_skipped_as_unchanged(app, album, db):
    with app.app_context():
        import_directory(album)
        path = album / "Songs" / "02.mp3"
        path.write_bytes(path.read_bytes())  # a new modification time, the same content
        summary = import_directory(album)
    touched = [o for o in summary.outcomes if o.path == "Songs/02.mp3"][0]
    assert (touched.status, touched.reason) == ("skipped", "unchanged")
    assert summary.count("added") == summary.count("updated") == 0


def test_same_content_under_two_paths_in_one_batch_is_added_once(app, album, db):
    copy = album / "Songs" / "08 copy of 01.mp3"
    copy.write_bytes((album / "Songs" / "01.mp3").read_bytes())
    with app.app_context():
        summary = import_directory(album, workers=2)
        again = import_directory(album, workers=2)
    first = [o for o in summary.outcomes if o.path == "Songs/01.mp3"][0]
    duplicate = [o for o in summary.outcomes if o.path == copy.relative_to(album).as_posix()][0]
    assert first.status == "added"
    assert (duplicate.status, duplicate.reason) == ("skipped",
                                                    f"same audio as track {first.track_id}")
    assert db.tracks.find_one({"_id": first.track_id})["source_path"] == str(
        (album / "Songs" / "01.mp3").resolve())
    assert db.tracks.count_documents({}) == 6
    assert again.headline() == "0 added, 0 updated, 7 skipped, 1 failed"


def test_no_staged_file_is_left_behind(app, album, db):
    with app.app_context():
        staging = store.root() / "tmp"
        before = set(staging.glob("incoming-*"))
        import_directory(album, workers=2, batch_size=2)
        (album / "Songs" / "03.mp3").write_bytes((album / "Songs" / "02.mp3").read_bytes())
        import_directory(album, workers=2, batch_size=2)  # one update, the rest skipped
        assert set(staging.glob("incoming-*")) == before


def test_an_import_killed_midway_leaves_whole_records_and_a_rerun_finishes(app, app_config,
                                                                         tmp_path, album, db):
    for number in range(8, 40):  # more files (copies with distinct tags) for more batches
        path = album / "Songs" / f"{number:02d}.mp3"
        path.write_bytes((album / "Songs" / "01.mp3").read_bytes())
        synth.embed_cover(path, synth_cover() + bytes([number]))  # distinct bytes, same image
    env = {**os.environ, **{key: str(value) for key, value in app_config.items()},
           "TAPCAST_ENV": "testing"}
    command = [sys.executable, "-m", "server", "import", str(album), "--batch-size", "2"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while db.tracks.count_documents({}) < 4 and process.poll() is None:
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the importer and its workers, mid-write
        process.wait()
    with app.app_context():
        for doc in db.tracks.find():
            assert store.file_hash(store.absolute(doc["audio_path"])) == doc["content_hash"]
            assert store.absolute(doc["cover_thumb"]).stat().st_size > 0
        for path in (store.root() / "audio").rglob("*.*"):
            assert store.file_hash(path) == path.name.split(".")[0]  # no half-written file
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert db.tracks.count_documents({}) == 38
    assert len({doc["source_path"] for doc in db.tracks.find()}) == 38


def test_imported_media_are_readable_by_the_front_servers_user(app, album, db):
    # nginx's workers (another user) send stored files themselves (MEDIA_ACCEL_REDIRECT).
    with app.app_context():
        import_directory(album, workers=2, batch_size=2)
        paths = {store.absolute(doc[field]) for doc in db.tracks.find()
                 for field in ("audio_path", "cover_full", "cover_thumb") if doc.get(field)}
    assert paths and {path.stat().st_mode & 0o777 for path in paths} == {store.FILE_MODE}
