"""An import in a process without a catalogue reads the latest snapshot's cut for imports
(catalogue/import_image.py) instead of loading the catalogue, and answers as the catalogue
would: files imported before are unchanged, the same audio is found under a new path,
category spellings are kept, and the journal's entries after the snapshot count."""

import shutil

import pytest

from server import create_app
from server import db as database
from server.library import tracks
from server.library.catalogue import import_image, snapshots, state
from server.library.importer import import_directory
from tests.catalogue_helpers import track_fields


@pytest.fixture
def album(tmp_path, make_audio):
    root = tmp_path / "album"
    root.mkdir()
    for n in range(3):
        song = make_audio(seconds=0.4, freq=300 + 40 * n, title=f"Cut {n}", genre="Stories")
        shutil.copy(song, root / f"{n}.mp3")
    return root


def write_snapshot(app, db):
    """What a serving process does now and then: its catalogue, up to date, as a snapshot."""
    with app.app_context():
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        snapshots.write(db, snapshots.capture(catalogue.conn), catalogue.epoch, catalogue.seq)


def import_elsewhere(app_config, folder):
    """Import in a new app (another process: no catalogue loaded); (summary, whether that
    app loaded its catalogue)."""
    other = create_app(dict(app_config))
    try:
        with other.app_context():
            summary = import_directory(folder, workers=1)
        return summary, state.of(other).conn is not None
    finally:
        database.get_client(other).close()


def outcomes(summary):
    return sorted((o.path, o.status, o.reason) for o in summary.outcomes)


def test_a_snapshot_holds_the_cut_of_its_catalogue(app, db):
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Cut {n}", category="Songs") for n in range(4)])
    write_snapshot(app, db)
    epoch = state.of(app).epoch
    seq, image = snapshots.read(db, epoch, 0, part=snapshots.INDEX)
    conn = import_image.restore(image)
    assert conn.execute("SELECT count(*) FROM tracks").fetchone()[0] == 4
    assert conn.execute("SELECT key, name, count FROM categories").fetchall() == [
        ("songs", "Songs", 4)]


def test_a_rerun_elsewhere_finds_every_file_unchanged_without_the_catalogue(
        app, app_config, db, album):
    with app.app_context():
        import_directory(album, workers=1)
    write_snapshot(app, db)
    summary, loaded = import_elsewhere(app_config, album)
    assert [o.status for o in summary.outcomes] == ["skipped"] * 3
    assert {o.reason for o in summary.outcomes} == {"unchanged"}
    assert not loaded  # the cut answered: the catalogue was never loaded in that process


def test_entries_after_the_snapshot_count(app, app_config, db, album, tmp_path):
    with app.app_context():
        import_directory(album, workers=1)
    write_snapshot(app, db)
    gone = db.tracks.find_one({"title": "Cut 0"})
    kept = db.tracks.find_one({"title": "Cut 1"})
    with app.app_context():
        tracks.delete_track(gone["_id"])  # its file is new again
        for doc in db.tracks.find({"category": "Stories"}):
            tracks.update_track(doc["_id"], {"category": "Bedtime"})
        # "Stories" has no track left, so the spelling of the next one is this one.
        tracks.insert_tracks([track_fields("Loud", category="STORIES")])
    copy = tmp_path / "copy"
    shutil.copytree(album, copy)  # the same audio under other paths
    (copy / "late").mkdir()
    shutil.copy(album / "0.mp3", copy / "late" / "fresh.mp3")

    summary, loaded = import_elsewhere(app_config, album)
    assert outcomes(summary) == [("0.mp3", "added", None), ("1.mp3", "skipped", "unchanged"),
                                 ("2.mp3", "skipped", "unchanged")]
    again = db.tracks.find_one({"title": "Cut 0", "_id": {"$ne": gone["_id"]}})
    assert again["category"] == "STORIES" and not loaded
    summary, _ = import_elsewhere(app_config, copy)
    same = {o.path: o.reason for o in summary.outcomes}
    assert same["1.mp3"] == f"same audio as track {kept['_id']}"
    assert same["late/fresh.mp3"] == f"same audio as track {again['_id']}"


def test_without_a_cut_the_import_loads_the_catalogue(app, app_config, db, album):
    with app.app_context():
        import_directory(album, workers=1)
    write_snapshot(app, db)
    db.library_state.update_one({"_id": snapshots.HEAD_ID}, {"$unset": {"index": ""}})
    summary, loaded = import_elsewhere(app_config, album)  # a head an older server wrote
    assert {o.reason for o in summary.outcomes} == {"unchanged"} and loaded


def test_a_hole_in_the_journal_after_the_cut_loads_the_catalogue(app, app_config, db, album):
    write_snapshot(app, db)
    with app.app_context():
        import_directory(album, workers=1)
    db.library_journal.delete_many({})  # emptied by hand
    summary, loaded = import_elsewhere(app_config, album)
    assert {o.reason for o in summary.outcomes} == {"unchanged"} and loaded
