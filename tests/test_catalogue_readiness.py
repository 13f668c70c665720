"""Readiness: health answers while the catalogue loads; library reads wait, then 503."""

import threading

import pytest

from devtools.liveserver import LiveServer
from server import create_app
from server import db as database
from server.library import tracks
from server.library.catalogue import journal, snapshots, state
from tests.catalogue_helpers import get_json, track_fields


@pytest.fixture
def impatient_app(app_config):
    """An app whose library reads give up at once while the catalogue is busy."""
    app = create_app({**app_config, "CATALOGUE_WAIT_SECONDS": 0})
    yield app
    database.get_client(app).close()


def test_library_reads_answer_503_while_the_catalogue_loads(impatient_app):
    client = impatient_app.test_client()
    catalogue = state.of(impatient_app)
    catalogue.loading = True
    with catalogue.lock:  # what a load in progress holds
        health = client.get("/api/v1/health")
        response = client.get("/api/v1/tracks")
    catalogue.loading = False
    assert (health.status_code, health.get_json()["catalogue"]) == (200, "loading")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "catalogue_loading"
    assert response.headers["Retry-After"] == "2"
    assert client.get("/api/v1/tracks").status_code == 200
    assert client.get("/api/v1/health").get_json()["catalogue"] == "ready"


def test_a_loaded_catalogue_waits_for_a_slow_sync_instead_of_503(impatient_app):
    # A sync on a slow database holds the lock for a while; readers behind it used to get 503
    # catalogue_loading after CATALOGUE_WAIT_SECONDS (here 0), as if the library were loading.
    client = impatient_app.test_client()
    assert client.get("/api/v1/tracks").status_code == 200  # loaded
    catalogue = state.of(impatient_app)
    holding, release = threading.Event(), threading.Event()

    def slow_sync():
        with catalogue.lock:
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=slow_sync)
    holder.start()
    holding.wait(10)
    threading.Timer(0.5, release.set).start()
    response = client.get("/api/v1/tracks")
    holder.join()
    assert response.status_code == 200


def test_a_starting_server_never_gives_a_wrong_answer(app, app_config, tmp_path):
    with app.app_context():
        tracks.insert_tracks([track_fields(f"Song {n:05d}") for n in range(3000)])
    env = {**{key: str(value) for key, value in app_config.items()},
           "TAPCAST_ENV": "testing", "CATALOGUE_WAIT_SECONDS": "0"}
    with LiveServer(env, log_path=tmp_path / "server.log") as server:
        seen = set()
        for _ in range(2000):
            status, body = get_json(server, "/api/v1/tracks?per_page=1")
            if status == 200:
                assert body["total"] == 3000
                break
            assert (status, body["error"]["code"]) == (503, "catalogue_loading")
            seen.add(get_json(server, "/api/v1/health")[1]["catalogue"])
        assert status == 200
        assert seen <= {"loading", "ready"}
        assert get_json(server, "/api/v1/health")[1]["catalogue"] == "ready"


def test_health_answers_while_a_starting_server_catches_up_on_the_journal(app, app_config,
                                                                          db, tmp_path):
    # A snapshot of a small library, then a CLI import's worth of entries after it: a server
    # that starts restores the snapshot at once and spends its load applying the entries.
    with app.app_context():
        tracks.insert_tracks([track_fields("Snapshotted")])
        catalogue = state.of(app)
        catalogue.refresh(db, wait=10)
        snapshots.write(db, snapshots.capture(catalogue.conn), catalogue.epoch, catalogue.seq)
        tracks.insert_tracks([track_fields(f"Imported {n:05d}") for n in range(4000)])
    env = {**{key: str(value) for key, value in app_config.items()},
           "TAPCAST_ENV": "testing", "CATALOGUE_WAIT_SECONDS": "0"}
    with LiveServer(env, log_path=tmp_path / "server.log") as server:
        said = []
        while not said or said[-1] != "ready":
            said.append(get_json(server, "/api/v1/health")[1]["catalogue"])
        status, body = get_json(server, "/api/v1/tracks?per_page=1")
    # Health was answered during the catch-up, and said so; had the entries been applied on
    # the event loop, its first answer would have come after them.
    assert said[0] == "loading"
    assert (status, body["total"]) == (200, 4001)


def test_racing_appenders_never_lose_or_share_a_slot(app, db):
    barrier = threading.Barrier(40)
    slots = []

    def append():
        barrier.wait()
        for _ in range(5):
            slots.append(journal.append(db, "play", track_id=None))

    threads = [threading.Thread(target=append) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(slots) == list(range(1, 201))
    assert db.library_journal.count_documents({}) == 200
    assert journal.read_state(db)[1] == 200  # what readers trust ends at the last slot


def test_a_new_epoch_after_the_library_is_emptied_rebuilds(app, client, db):
    with app.app_context():
        tracks.insert_track(track_fields("Before"))
    assert client.get("/api/v1/tracks").get_json()["total"] == 1
    for name in ("tracks", "library_journal", "library_state"):
        db[name].delete_many({})
    assert client.get("/api/v1/tracks").get_json()["total"] == 0


def test_an_appender_cut_off_before_raising_the_sequence_is_overtaken(app, db):
    journal.append(db, "play", track_id=None)
    epoch, seq = journal.read_state(db)
    # A crash between the insert and the raise: the slot is there, seq is not moved.
    db.library_journal.insert_one({"_id": journal.slot_id(epoch, seq + 1), "kind": "play",
                                   "track_id": None})
    assert journal.append(db, "play", track_id=None) == seq + 2
    assert journal.read_state(db)[1] == seq + 2  # readers now see both entries
