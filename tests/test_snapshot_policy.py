"""When a process writes a newer catalogue snapshot: after many journal entries, or after a
few that touched many tracks (an import's batches), so the next process to start has
little to catch up on."""

from server.library import tracks
from server.library.catalogue import snapshots, state
from tests.catalogue_helpers import track_fields

ROWS = 50  # snapshots.EVERY_ROWS for these tests: an import of 2,000 tracks, scaled down


def head_seq(db):
    return db.library_state.find_one({"_id": snapshots.HEAD_ID})["seq"]


def caught_up(app, db):
    catalogue = state.of(app)
    catalogue.refresh(db, wait=10)
    return catalogue


def snapshot_now(app, db):
    """Write a snapshot of the caught-up catalogue whether due or not; its slot. (The test
    session's live server may have written one of its own for this database meanwhile.)"""
    catalogue = caught_up(app, db)
    snapshots.write(db, snapshots.capture(catalogue.conn), catalogue.epoch, catalogue.seq)
    return head_seq(db)


def test_entries_touching_many_tracks_make_a_snapshot_due(app, db, monkeypatch):
    monkeypatch.setattr(snapshots, "EVERY_ROWS", ROWS)
    with app.app_context():
        tracks.insert_tracks([track_fields(f"First {n}") for n in range(3)])
        first = snapshot_now(app, db)
        tracks.insert_tracks([track_fields(f"Batch {n}") for n in range(ROWS - 10)])
        caught_up(app, db).write_snapshot_if_due(db)
        assert head_seq(db) == first  # one entry of 40 tracks: not yet
        tracks.insert_tracks([track_fields(f"More {n}") for n in range(10)])
        caught_up(app, db).write_snapshot_if_due(db)
        assert head_seq(db) == state.of(app).seq == first + 2  # two entries, 50 tracks


def test_plays_count_as_entries_not_as_many_rows(app, db, monkeypatch):
    monkeypatch.setattr(snapshots, "EVERY_ROWS", ROWS)
    monkeypatch.setattr(snapshots, "EVERY", 12)
    with app.app_context():
        [doc] = tracks.insert_tracks([track_fields("Played")])
        first = snapshot_now(app, db)
        for _ in range(11):
            tracks.increment_play_count(doc["_id"])
        caught_up(app, db).write_snapshot_if_due(db)
        assert head_seq(db) == first  # 11 entries of one track each
        tracks.increment_play_count(doc["_id"])
        caught_up(app, db).write_snapshot_if_due(db)
        assert head_seq(db) == first + 12


def test_a_process_loaded_from_an_old_snapshot_writes_a_newer_one(app, db, monkeypatch):
    monkeypatch.setattr(snapshots, "EVERY_ROWS", ROWS)
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Old {n}") for n in range(3)])
        old = snapshot_now(app, db)
        tracks.insert_tracks([track_fields(f"Imported {n}") for n in range(ROWS)])
        app.extensions.pop(state.EXTENSION_KEY)  # a process that starts now
        catalogue = caught_up(app, db)  # the old snapshot, then the import's entry
        catalogue.write_snapshot_if_due(db)
        assert head_seq(db) == old + 1
        assert catalogue.conn.execute("SELECT count(*) FROM tracks").fetchone()[0] == ROWS + 3
