"""Two processes may write a catalogue snapshot of the same slot: their bytes differ (rows
loaded in other orders), so each write has chunks of its own, the head names one whole
snapshot, and a writer drops exactly the chunks of the head it replaced."""

from server.library import tracks
from server.library.catalogue import schema, snapshots, state
from tests.catalogue_helpers import track_fields


def chunk_ids(db):
    return {doc["_id"] for doc in db.catalogue_snapshots.find({}, {"_id": 1})}


def test_two_writers_of_one_slot_never_mix_their_chunks(app, db, monkeypatch):
    monkeypatch.setattr(snapshots, "SLICE_BYTES", 16 * 1024)
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Mixed {n}") for n in range(30)])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        image = snapshots.capture(catalogue.conn)
        # Another process's bytes for the same slot (here simply other bytes, of another size).
        other = schema.connect()
        other.executescript("CREATE TABLE filler (x); INSERT INTO filler VALUES (zeroblob(9000))")
        other_image = other.serialize()
        snapshots.write(db, other_image, catalogue.epoch, catalogue.seq)
        first = snapshots.head(db)
        snapshots.write(db, image, catalogue.epoch, catalogue.seq)
        second = snapshots.head(db)
    assert first["writer"] != second["writer"] and first["seq"] == second["seq"]
    # The first writer's chunks are gone, the second's are whole: the image it wrote.
    ids = chunk_ids(db)
    assert not ids & set(snapshots.chunk_ids(first))
    assert set(snapshots.chunk_ids(second)) <= ids
    assert snapshots.read(db, catalogue.epoch, 0) == (catalogue.seq, image)


def test_each_write_drops_the_snapshot_it_replaced(app, db):
    with app.app_context():
        catalogue = state.of(app)
        for n in range(3):
            tracks.insert_tracks([track_fields(f"Again {n}")])
            catalogue.refresh(db, wait=10)
            snapshots.write(db, snapshots.capture(catalogue.conn), catalogue.epoch,
                            catalogue.seq)
        current = snapshots.head(db)
    # Whoever wrote the heads in between, each dropped the one it replaced: only this is left.
    assert chunk_ids(db) == set(snapshots.chunk_ids(current))


def test_a_snapshot_replaced_while_it_is_read_is_read_from_the_new_head(app, db, monkeypatch):
    with app.app_context():
        tracks.insert_tracks([track_fields("Raced")])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        image = snapshots.capture(catalogue.conn)
        snapshots.write(db, image, catalogue.epoch, catalogue.seq)
        stale = snapshots.head(db)
        snapshots.write(db, image, catalogue.epoch, catalogue.seq)  # drops stale's chunks
        newer = snapshots.head(db)
        heads = iter([stale, newer])
        monkeypatch.setattr(snapshots, "head", lambda _db: next(heads))
        # The first head read names chunks that are gone by then; the next head is whole.
        assert snapshots.read(db, catalogue.epoch, 0) == (catalogue.seq, image)


def test_a_damaged_chunk_is_not_used(app, db):
    with app.app_context():
        tracks.insert_tracks([track_fields("Damaged")])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        snapshots.write(db, snapshots.capture(catalogue.conn), catalogue.epoch, catalogue.seq)
    current = snapshots.head(db)
    db.catalogue_snapshots.update_one({"_id": snapshots.chunk_id(current, 0)},
                                      {"$set": {"data": b"not zstd at all"}})
    assert snapshots.read(db, catalogue.epoch, 0) is None  # the caller reads the collection
