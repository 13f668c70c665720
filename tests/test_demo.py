"""`demo`: a generated library of real, tagged, covered audio; loaded once."""

import shutil

from server.library import store
from server.library.tags import read_audio


def test_demo_generates_and_imports_a_playable_library(app, runner, db):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    docs = list(db.tracks.find())
    assert len(docs) >= 12
    assert len({doc["category"] for doc in docs}) >= 3
    assert result.output.startswith(f"Demo library: {len(docs)} added, 0 updated, 0 skipped")
    for doc in docs:
        assert doc["mime_type"] == "audio/mpeg"
        assert doc["artist"] == "Tapcast Demo" and doc["album"].startswith("Tapcast ")
        assert doc["cover_hash"]
        with app.app_context():
            info = read_audio(store.absolute(doc["audio_path"]))
        assert info.title == doc["title"] and 1.0 < info.duration < 30
    # espeak-ng (installed by make test) speaks the title: longer than its short tune alone.
    assert shutil.which("espeak-ng")
    assert db.tracks.find_one({"title": "The Brave Little Fox"})["duration"] > 2.5


def test_demo_is_loaded_once(runner, db):
    runner.invoke(args=["demo", "--if-empty"])
    count = db.tracks.count_documents({})
    again = runner.invoke(args=["demo", "--if-empty"])
    assert again.output == "demo: the library already has tracks; nothing to do\n"
    forced = runner.invoke(args=["demo"])
    assert forced.output.startswith(f"Demo library: 0 added, 0 updated, {count} skipped, 0 failed")
    assert db.tracks.count_documents({}) == count
