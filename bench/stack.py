"""The system under benchmark: a throwaway FerretDB and a real server process on loopback."""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from devtools.ferretdb import FerretDB
from devtools.liveserver import ROOT, LiveServer

__all__ = ["ROOT", "bench_stack", "app_for", "import_folder", "seed_tracks"]


@contextlib.contextmanager
def bench_stack(**env):
    """Yield (server, env) with BENCH_ROUTES on; everything is removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="tapcast-bench-"))
    database = FerretDB(workdir / "data", log_path=workdir / "ferretdb.log")
    if not os.environ.get("MONGO_URI"):
        database.start()
    settings = {
        "MONGO_URI": os.environ.get("MONGO_URI") or database.uri,
        "MONGO_DB": f"tapcast_bench_{os.getpid()}",
        "MEDIA_ROOT": str(workdir / "media"),
        "TAPCAST_ENV": "testing",
        "BENCH_ROUTES": "1",
        # Benchmark clients all come from 127.0.0.1 (ws_fanout holds 2,000 sockets).
        "MAX_CONNECTIONS_PER_ADDRESS": "0",
        **env,
    }
    server = LiveServer(settings, log_path=workdir / "server.log")
    try:
        yield server, settings
    finally:
        server.stop()
        database.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def app_for(settings):
    """An in-process app on the stack's database, for seeding data."""
    from server import create_app

    with _environ(settings):
        return create_app({"MONGO_URI": settings["MONGO_URI"], "MONGO_DB": settings["MONGO_DB"],
                           "MEDIA_ROOT": Path(settings["MEDIA_ROOT"])})


@contextlib.contextmanager
def _environ(values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def import_folder(settings, folder):
    """Import a folder of audio into the stack's library with the real importer; a summary."""
    from server import db
    from server.library import importer

    app = app_for(settings)
    with app.app_context():
        db.ensure_indexes(app)
        summary = importer.import_directory(folder)
    db.get_client(app).close()
    if summary.count("failed"):
        raise RuntimeError(f"import failed: {summary.details()[:3]}")
    return summary


def seed_tracks(settings, count):
    """A library of `count` tracks: one real file imported, then listed under many titles
    (importing a thousand files would take minutes; the listing is what is measured)."""
    from bench import audio_files
    from server import db
    from server.library import tracks

    with tempfile.TemporaryDirectory() as tmp:
        import_folder(settings, audio_files.write_library(tmp, 1))
    app = app_for(settings)
    with app.app_context():
        template = tracks.collection().find_one({})
        media = {key: template[key] for key in ("audio_path", "content_hash", "size",
                                                "mime_type", "duration")}
        for index in range(1, count):
            category = audio_files.CATEGORIES[index % len(audio_files.CATEGORIES)]
            tracks.insert_track({"title": f"Track {index:04d}", "artist": "Bench Artist",
                                 "album": f"Album {index // 12}", "category": category,
                                 "tags": ["bench"], **media})
    db.get_client(app).close()
