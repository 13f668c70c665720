"""The catalogue stays exact across server processes for every kind of write, and rebuilds."""

import random
import threading

import pytest

from devtools.liveserver import LiveServer
from server.jsonutil import utcnow
from server.library import importer, tracks
from tests.accounts_helpers import bearer
from tests.builders import admin_headers
from tests.catalogue_helpers import call, get_json, track_fields, upload


def server_env(app_config, **extra):
    return {**{key: str(value) for key, value in app_config.items()},
            "TAPCAST_ENV": "testing", **extra}


@pytest.fixture(scope="module")
def second_server(app_config, tmp_path_factory):
    """Another `python -m server` on the same database."""
    log_path = tmp_path_factory.mktemp("second") / "server.log"
    with LiveServer(server_env(app_config), log_path=log_path) as server:
        yield server


def titles(server, query):
    status, body = get_json(server, f"/api/v1/tracks?per_page=100&{query}")
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def categories(server):
    return get_json(server, "/api/v1/categories")[1]["items"]


def test_every_kind_of_write_shows_at_once_in_the_other_process(
        app, live_server, second_server, make_audio, tmp_path):
    a, b = live_server, second_server
    admin = admin_headers(app)
    status, track = upload(a, admin, make_audio(freq=910), title="Glow Worm", category="Songs")
    assert status == 201, track
    assert titles(b, "q=glow") == ["Glow Worm"]
    assert categories(b) == [{"name": "Songs", "count": 1}]

    status, _ = call(a, "PATCH", f"/api/v1/tracks/{track['id']}",
                     {"title": "Fire Fly", "category": "Stories"}, admin)
    assert status == 200
    assert (titles(b, "q=glow"), titles(b, "q=fire")) == ([], ["Fire Fly"])
    assert categories(b) == [{"name": "Stories", "count": 1}]

    _, session = call(b, "POST", "/api/v1/auth/register",
                      {"username": "listener", "password": "Quiet-Evening-42"})
    status, _ = call(b, "POST", "/api/v1/me/history", {"track_id": track["id"], "position": 1},
                     bearer(session["token"]))
    assert status == 200
    assert get_json(a, f"/api/v1/tracks/{track['id']}")[1]["play_count"] == 1

    folder = tmp_path / "import" / "Lullabies"
    folder.mkdir(parents=True)
    make_audio("hush.mp3", freq=920, title="Hush Now").rename(folder / "hush.mp3")
    with app.app_context():
        assert importer.import_directory(folder.parent).count("added") == 1
    assert titles(a, "category=lullabies") == titles(b, "q=hush") == ["Hush Now"]

    assert call(b, "DELETE", f"/api/v1/tracks/{track['id']}", headers=admin)[0] == 204
    assert get_json(a, f"/api/v1/tracks/{track['id']}")[0] == 404
    assert categories(a) == categories(b) == [{"name": "Lullabies", "count": 1}]


def listing(server):
    """{title: play_count} of the whole library as the server shows it."""
    status, body = get_json(server, "/api/v1/tracks?per_page=100&sort=popular")
    assert status == 200, body
    assert body["total"] == len(body["items"])
    return {item["title"]: item["play_count"] for item in body["items"]}


def write_burst(app, expected, started):
    """Inserts (single and batched), edits, deletes and plays, one after another;
    `expected` ends as the truth."""
    rng = random.Random(7)
    with app.app_context():
        live = []
        for n in range(90):
            if n == 30:
                started.set()
            doc = tracks.insert_track(track_fields(f"Burst {n:03d}"))
            live.append(doc["_id"])
            expected[doc["_id"]] = [doc["title"], 0]
            for track_id in rng.sample(live, min(2, len(live))):
                tracks.increment_play_count(track_id)
                expected[track_id][1] += 1
            if n % 10 == 9:
                victim = live.pop(rng.randrange(len(live)))
                tracks.delete_track(victim)
                del expected[victim]
            if n % 20 == 19:  # an importer's batch
                for doc in tracks.insert_tracks([track_fields(f"Batch {n}.{k}")
                                                 for k in range(3)]):
                    live.append(doc["_id"])
                    expected[doc["_id"]] = [doc["title"], 0]
            if n % 7 == 6:
                renamed = live[rng.randrange(len(live))]
                tracks.update_track(renamed, {"title": f"Renamed {n:03d}"})
                expected[renamed][0] = f"Renamed {n:03d}"


def test_a_process_started_mid_burst_and_a_restarted_one_end_exact(
        app, app_config, live_server, tmp_path):
    expected, started = {}, threading.Event()
    writer = threading.Thread(target=write_burst, args=(app, expected, started))
    writer.start()
    started.wait(60)
    late = LiveServer(server_env(app_config), log_path=tmp_path / "late.log").start()
    try:
        status, body = get_json(late, "/api/v1/tracks")  # a read while the burst goes on
        assert status == 200 or body["error"]["code"] == "catalogue_loading"
        writer.join()
        truth = dict(expected.values())
        assert listing(late) == truth
        assert listing(live_server) == truth
    finally:
        late.stop()
    with LiveServer(server_env(app_config), log_path=tmp_path / "again.log") as restarted:
        assert listing(restarted) == truth  # play counts survive a cold rebuild


def test_simultaneous_first_plays_all_count(app, app_config, live_server, tmp_path):
    with app.app_context():
        track_id = tracks.insert_track(track_fields("Popular Song"))["_id"]
    barrier = threading.Barrier(150)

    def play():
        with app.app_context():
            barrier.wait()
            tracks.increment_play_count(track_id)

    threads = [threading.Thread(target=play) for _ in range(150)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert get_json(live_server, f"/api/v1/tracks/{track_id}")[1]["play_count"] == 150
    with LiveServer(server_env(app_config), log_path=tmp_path / "cold.log") as cold:
        assert get_json(cold, f"/api/v1/tracks/{track_id}")[1]["play_count"] == 150


def test_a_starting_process_loads_the_snapshot_then_the_journal_after_it(
        app, app_config, db, tmp_path):
    from server.library.catalogue import state

    with app.app_context():
        docs = tracks.insert_tracks([track_fields(f"Snap {n}") for n in range(5)])
        tracks.increment_play_count(docs[0]["_id"])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        catalogue.write_snapshot_if_due(db)
        tracks.increment_play_count(docs[0]["_id"])  # after the snapshot: from the journal
        tracks.delete_track(docs[1]["_id"])
        tracks.insert_track(track_fields("Snap late"))
    # Behind the journal's back: only a load that scans the collection can see this one.
    db.tracks.insert_one({**track_fields("Unjournalled"), "created_at": docs[0]["created_at"],
                          "updated_at": docs[0]["updated_at"]})
    truth = {"Snap 0": 2, "Snap 2": 0, "Snap 3": 0, "Snap 4": 0, "Snap late": 0}
    with LiveServer(server_env(app_config), log_path=tmp_path / "snap.log") as server:
        assert listing(server) == truth
    db.library_state.delete_one({"_id": "snapshot"})
    with LiveServer(server_env(app_config), log_path=tmp_path / "scan.log") as server:
        assert listing(server) == {**truth, "Unjournalled": 0}


def snapshot_of(app, db, titles):
    """Insert the tracks, write the catalogue's snapshot, and return its head; then add a
    track behind the journal's back, which only a load that scans the collection sees."""
    from server.library.catalogue import state

    with app.app_context():
        tracks.insert_tracks([track_fields(title) for title in titles])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        catalogue.write_snapshot_if_due(db)
    db.tracks.insert_one({**track_fields("Unjournalled"), "created_at": utcnow(),
                          "updated_at": utcnow()})
    return db.library_state.find_one({"_id": "snapshot"})


def test_a_snapshot_of_another_schema_is_not_loaded(app, app_config, db, tmp_path):
    assert snapshot_of(app, db, [f"Schema {n}" for n in range(3)])["chunks"] >= 1
    # As if an older server wrote it: it must not be used.
    db.library_state.update_one({"_id": "snapshot"}, {"$set": {"schema": "older"}})
    with LiveServer(server_env(app_config), log_path=tmp_path / "schema.log") as server:
        assert listing(server) == {"Schema 0": 0, "Schema 1": 0, "Schema 2": 0,
                                   "Unjournalled": 0}


def test_a_snapshot_of_many_slices_is_loaded_whole(app, app_config, db, tmp_path,
                                                   monkeypatch):
    from server.library.catalogue import snapshots

    monkeypatch.setattr(snapshots, "SLICE_BYTES", 16 * 1024)  # of 256 KB: 16 chunks
    head = snapshot_of(app, db, [f"Sliced {n}" for n in range(40)])
    assert head["chunks"] > snapshots.READERS  # more chunks than are read at once
    with LiveServer(server_env(app_config), log_path=tmp_path / "sliced.log") as server:
        # Every slice in its place: the snapshot's tracks, and not the one it never had.
        assert listing(server) == {f"Sliced {n}": 0 for n in range(40)}


def test_a_snapshot_missing_a_chunk_is_not_used(app, app_config, db, tmp_path, monkeypatch):
    from server.library.catalogue import snapshots

    monkeypatch.setattr(snapshots, "SLICE_BYTES", 16 * 1024)
    head = snapshot_of(app, db, [f"Holed {n}" for n in range(40)])
    db.catalogue_snapshots.delete_one({"_id": snapshots.chunk_id(head, head["chunks"] // 2)})
    with LiveServer(server_env(app_config), log_path=tmp_path / "holed.log") as server:
        # Loaded from the collection instead: it has the track added behind the journal.
        assert listing(server) == {**{f"Holed {n}": 0 for n in range(40)}, "Unjournalled": 0}


@pytest.mark.parametrize("codec", [None, "zstd"])
def test_a_snapshot_in_one_stream_from_before_slices_is_still_loaded(
        app, app_config, db, tmp_path, codec):
    import zlib

    import zstandard

    from server.library.catalogue import snapshots

    head = snapshot_of(app, db, [f"Packed {n}" for n in range(3)])
    assert head["codec"] == snapshots.CODEC
    # Repack the chunks as an older server wrote them: one stream cut into chunks, zstd, or
    # zlib with no codec in the head.
    ids = [snapshots.chunk_id(head, k) for k in range(head["chunks"])]
    image = b"".join(zstandard.ZstdDecompressor().decompress(
        db.catalogue_snapshots.find_one({"_id": i})["data"]) for i in ids)
    for i in ids:
        db.catalogue_snapshots.delete_one({"_id": i})
    stream = zstandard.ZstdCompressor().compress(image) if codec else zlib.compress(image, 1)
    cut = len(stream) // 2  # two chunks, as a big library's stream was cut
    older = {"epoch": head["epoch"], "seq": head["seq"]}  # their chunks named no writer
    for k, data in enumerate((stream[:cut], stream[cut:])):
        db.catalogue_snapshots.insert_one({"_id": snapshots.chunk_id(older, k), "data": data})
    gone = {"writer": "", "bytes": "", "slice": "", "index": ""}
    change = {"$set": {"chunks": 2, "codec": codec}, "$unset": gone} if codec else {
        "$set": {"chunks": 2}, "$unset": {**gone, "codec": ""}}
    db.library_state.update_one({"_id": "snapshot"}, change)
    with LiveServer(server_env(app_config), log_path=tmp_path / f"{codec}.log") as server:
        assert listing(server) == {"Packed 0": 0, "Packed 1": 0, "Packed 2": 0}
