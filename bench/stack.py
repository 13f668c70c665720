"""The system under benchmark: a throwaway FerretDB and a real server process on loopback."""

import contextlib
import json
import os
import random
import shutil
import tempfile
import time
import urllib.request
from pathlib import Path

from devtools.ferretdb import FerretDB
from devtools.liveserver import ROOT, LiveServer

__all__ = ["ROOT", "bench_stack", "app_for", "import_folder", "seed_tracks", "wait_for_catalogue"]


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


def wait_for_catalogue(server, timeout=300):
    """Wait until the server's catalogue is loaded (health says so); seconds waited."""
    started = time.monotonic()
    while True:
        with urllib.request.urlopen(f"{server.url}/api/v1/health", timeout=10) as response:
            if json.load(response).get("catalogue") == "ready":
                return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"catalogue not ready within {timeout}s")
        time.sleep(0.1)


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
    """A library of `count` tracks; their ids. One real file is imported, then its media is
    listed under many titles by bulk insert of documents shaped as insert_track writes them
    (servers started afterwards load them from the collection)."""
    from bench import audio_files
    from server import db

    with tempfile.TemporaryDirectory() as tmp:
        import_folder(settings, audio_files.write_library(tmp, 1))
    app = app_for(settings)
    with app.app_context():
        tracks = db.get_db().tracks
        template = tracks.find_one({})
        ids = [template["_id"]]
        for start in range(1, count, SEED_BATCH):
            docs = [track_document(template, index)
                    for index in range(start, min(count, start + SEED_BATCH))]
            ids.extend(tracks.insert_many(docs, ordered=False).inserted_ids)
    db.get_client(app).close()
    return ids


SEED_BATCH = 1000
SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "su", "to", "vi", "da", "pe", "ri", "go", "ba",
             "ze", "fu", "hi")
# 4,096 made-up words, as varied as a real collection's: a word names a few dozen tracks
# among 100,000, not thousands.
VOCABULARY = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
LEAD_WORDS = ("Sleepy", "Little", "Brave", "Golden")  # one title in 50 starts with one


def track_document(template, index):
    """Track number `index`: the template's media under its own title, artist and album."""
    from bench import audio_files
    from server.jsonutil import utcnow

    rng = random.Random(index)
    title = " ".join(rng.choice(VOCABULARY).title() for _ in range(2))
    if index % 50 == 0:
        title = f"{LEAD_WORDS[index // 50 % len(LEAD_WORDS)]} {title}"
    now = utcnow()
    media = {key: template.get(key) for key in ("audio_path", "content_hash", "size",
                                                  "mime_type", "duration", "cover_hash",
                                                  "cover_full", "cover_thumb")}
    return {"title": title, **album_of(index),
            "category": audio_files.CATEGORIES[index % len(audio_files.CATEGORIES)],
            "tags": [rng.choice(VOCABULARY)], **media, "created_at": now, "updated_at": now}


TRACKS_PER_ALBUM, ALBUMS_PER_ARTIST = 12, 5
GENRES = ("Rock", "Jazz", "Folk", "Pop", "Classical", "Lullabies", "Stories", "Ambient",
          "Blues", "Soul", "Dance", "Country")


def album_of(index):
    """Album fields as tags give them: 12 tracks to an album, 5 albums to an artist (8,334
    albums and 1,667 artists in 100,000 tracks), a year and one or two genres per album."""
    album, track = divmod(index, TRACKS_PER_ALBUM)
    artist = random.Random(f"artist {album // ALBUMS_PER_ARTIST}")
    name = " ".join(artist.choice(VOCABULARY).title() for _ in range(2))
    words = random.Random(f"album {album}")
    genres = [GENRES[album % len(GENRES)]] + ([GENRES[album // 7 % len(GENRES)]] * (album % 3 == 0))
    return {"artist": name, "album": f"{words.choice(VOCABULARY).title()} {album}",
            "track_number": track + 1, "disc_number": 1, "year": 1950 + album % 75,
            "genres": list(dict.fromkeys(genres))}
