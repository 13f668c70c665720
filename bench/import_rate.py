"""`python -m server import` in files per second: tagged MP3 albums with embedded covers,
into an empty library and into one of 100,000 tracks, beside a plain copy of the same files.

The goals (issue 11): at least 300 files/s into the empty library, and into the large one at
least 0.8x that. The large library is one a server has been serving: the import loads its
catalogue from the snapshot the server keeps, as any starting process does, and between
rounds the server does what it does after an import (catalogue/snapshots.py: an import's
entries make a newer snapshot due), untimed. Runs alternate
(empty, large, empty, large) and the best of each counts, so both sides see the same
machine; each round imports a folder of new files into a new empty library and into the
large one.
"""

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import audio_files
from bench.rows import row
from bench.stack import app_for, bench_stack
from devtools.liveserver import ROOT

INDEX_LOADED = re.compile(r"import index loaded in ([0-9.]+)s \((.+?)\)")
FILES = 2000
LARGE_LIBRARY = 100_000
SEED_BATCH = 1000
ROUNDS = 2


def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def cpu_seconds(who):
    """User + system CPU time so far of this process or of its waited-for descendants."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def cli(env, *args, timeout=1800):
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def import_with_cli(env, folder):
    """Run the import; (seconds its index took to load, from what) from the CLI's log."""
    result = cli(env, "import", str(folder))
    if result.returncode != 0 or f"{FILES} added" not in result.stdout:
        raise RuntimeError(f"import did not add every file: {result.stdout[-500:]}"
                           f"{result.stderr[-500:]}")
    (seconds, source), = INDEX_LOADED.findall(result.stderr)
    return float(seconds), source


def library(settings, name, workdir):
    """Settings for a library of its own: a database and a media folder."""
    return {**os.environ, **settings, "MONGO_DB": f"{settings['MONGO_DB']}_{name}",
            "MEDIA_ROOT": str(Path(workdir) / f"media-{name}")}


def seeded_fields(number):
    """A track as the importer writes it, for a file that is not on this machine: its audio
    hash its own, its cover its album's (hashes do not compress, as in a real library)."""
    digest = hashlib.sha256(b"audio %d" % number).hexdigest()
    cover = hashlib.sha256(b"cover %d" % (number // 12)).hexdigest()
    thumb = hashlib.sha256(b"thumb %d" % (number // 12)).hexdigest()
    category = audio_files.CATEGORIES[number % len(audio_files.CATEGORIES)]
    return {"title": f"Seeded {number:06d}", "artist": f"Artist {number % 997}",
            "album": f"Album {number // 12}", "category": category, "tags": [],
            "source_path": f"/srv/music/{category}/Album {number // 12}/{number:06d}.mp3",
            "source_mtime_ns": 1_700_000_000_000_000_000 + number,
            "audio_path": f"audio/{digest[:2]}/{digest}.mp3", "content_hash": digest,
            "size": 3_000_000, "mime_type": "audio/mpeg", "duration": 180.0,
            "cover_hash": cover, "cover_full": f"covers/{cover[:2]}/{cover}.jpg",
            "cover_thumb": f"covers/{thumb[:2]}/{thumb}.jpg"}


def seed_library(env, count):
    """count tracks by bulk insert of documents shaped as insert_track writes them, then the
    catalogue snapshot that the library's server would keep (and an import starts from)."""
    from server import db
    from server.jsonutil import utcnow

    app = app_for(env)
    with app.app_context():
        db.ensure_indexes(app)
        now = utcnow()
        for start in range(0, count, SEED_BATCH):
            db.get_db(app).tracks.insert_many(
                [{**seeded_fields(n), "created_at": now, "updated_at": now}
                 for n in range(start, min(count, start + SEED_BATCH))], ordered=False)
    db.get_client(app).close()
    serve(env)


def serve(env):
    """What the library's serving process does with the writes since it last looked: the
    next request brings its catalogue up to date, and its snapshot check (once a minute)
    writes a newer snapshot if one is due."""
    from server import db
    from server.library.catalogue import state

    app = app_for(env)
    with app.app_context():
        catalogue = state.of(app)
        catalogue.refresh(db.get_db(app), wait=3600)
        catalogue.write_snapshot_if_due(db.get_db(app))
    db.get_client(app).close()


def run():
    with tempfile.TemporaryDirectory() as tmp, bench_stack() as (_server, settings):
        folders = [audio_files.write_albums(Path(tmp) / f"source-{n}", FILES,
                                            first_album=n * FILES) for n in range(ROUNDS)]
        copy_cpu = cpu_seconds(resource.RUSAGE_SELF)
        copy_seconds = timed(lambda: shutil.copytree(folders[0], Path(tmp) / "copy"))
        copy_cpu = cpu_seconds(resource.RUSAGE_SELF) - copy_cpu
        large = library(settings, "large", tmp)
        seed_library(large, LARGE_LIBRARY)
        seconds, cpu, loads = {"empty": [], "large": []}, [], []
        for n, folder in enumerate(folders):
            for name, env in (("empty", library(settings, f"empty{n}", tmp)), ("large", large)):
                before = cpu_seconds(resource.RUSAGE_CHILDREN)  # the CLI and its workers
                started = time.perf_counter()
                load = import_with_cli(env, folder)
                seconds[name].append(time.perf_counter() - started)
                if name == "empty":
                    cpu.append(cpu_seconds(resource.RUSAGE_CHILDREN) - before)
                else:
                    loads.append(load)
                    serve(env)
    copy_rate = FILES / copy_seconds
    empty_rate, large_rate = (FILES / min(seconds[name]) for name in ("empty", "large"))
    label = f"import {FILES:,} tagged MP3s with covers (CLI)"
    return [row(f"{label}, empty library", empty_rate, "files/s", copy_rate, "plain copy"),
            row(f"{label}, library of {LARGE_LIBRARY:,} tracks", large_rate, "files/s",
                empty_rate, "empty library"),
            # Where the difference goes: the import's index loading, inside the same runs (it
            # overlaps the reading of the first files, so it is not simply the difference).
            row(f"import index load inside the import, {LARGE_LIBRARY:,} tracks "
                f"(from {min(loads)[1]})", min(loads)[0], "s", min(seconds["large"]),
                "whole import"),
            # CPU per file does not depend on what else the machine runs (the rates do);
            # FerretDB's own share is not included.
            row(f"{label}: CPU time per file of the importer and its workers, empty library",
                min(cpu) / FILES * 1000, "ms", copy_cpu / FILES * 1000, "plain copy")]
