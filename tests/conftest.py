"""Fixtures: a real FerretDB (or MONGO_URI's MongoDB), the app, its client, a live server."""

import os
import uuid

import pytest

from devtools.ferretdb import FerretDB
from devtools.liveserver import LiveServer
from server import create_app
from server import db as database
from tests import builders


def pytest_configure(config):
    os.environ["TAPCAST_ENV"] = "testing"


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory):
    """The database server for the whole run: MONGO_URI's, or a FerretDB started here."""
    if os.environ.get("MONGO_URI"):
        yield os.environ["MONGO_URI"]
        return
    base = tmp_path_factory.mktemp("ferretdb")
    with FerretDB(base / "data", log_path=base / "ferretdb.log") as server:
        yield server.uri


@pytest.fixture(scope="session")
def db_name():
    """A database of this run's own, so a shared MongoDB is never clobbered."""
    return f"tapcast_test_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def app_config(mongo_uri, db_name, media_root):
    """Settings shared by the in-process app and the live server.

    Tests write from this process (no broker reaches the live server) and empty the
    database between tests, so the live server reads library_state on every library
    request; tests/test_catalogue_notices.py covers the bounded-staleness default."""
    return {"MONGO_URI": mongo_uri, "MONGO_DB": db_name, "MEDIA_ROOT": media_root,
            "CATALOGUE_STALE_MS": 0}


@pytest.fixture
def app(app_config):
    app = create_app(dict(app_config))
    database.ensure_indexes(app)
    yield app
    clean_database(app)
    database.get_client(app).close()


def clean_database(app):
    """Empty every collection (indexes stay) so each test starts from nothing."""
    db = database.get_db(app)
    # library_state last: a server process that reads it after the others are empty starts
    # a new epoch and rebuilds its catalogue from the emptied library.
    for name in sorted(db.list_collection_names(), key=lambda name: name == "library_state"):
        db[name].delete_many({})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """The test database handle (pymongo), for arranging and checking data."""
    return database.get_db(app)


@pytest.fixture(scope="session")
def live_server(app_config, tmp_path_factory):
    """The real server process (gevent + WebSocket handler) on a free port."""
    env = {key: str(value) for key, value in app_config.items()}
    env["TAPCAST_ENV"] = "testing"
    log_path = tmp_path_factory.mktemp("live") / "server.log"
    with LiveServer(env, log_path=log_path) as server:
        yield server


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory):
    """Where builders write generated audio (shared by the run: files are reused by name)."""
    return tmp_path_factory.mktemp("audio")


@pytest.fixture
def make_audio(audio_dir):
    """make_audio(**options) -> path of a real encoded audio file (see tests/builders.py)."""
    return lambda name=None, **options: builders.make_audio(audio_dir, name, **options)


@pytest.fixture
def make_track(app, audio_dir):
    """make_track(**fields) -> a stored track document with real audio behind it."""
    return lambda **fields: builders.make_track(app, audio_dir, **fields)
