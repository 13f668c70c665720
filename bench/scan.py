"""Scanning a music folder in place: the first scan of 10,000 tagged MP3s with
`python -m server scan`, then rescans with nothing changed, against a plain os.walk + stat of
the tree (os.walk lists with os.scandir).

A rescan is measured where rescans run, in a process that stays up (the server's watcher),
its catalogue loaded: each is timed alternately with a plain walk, in the same process, best
of three each. The CLI's rescan is also printed; it includes starting Python and the app and
loading the catalogue, which a walk of 10,000 files does not.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mutagen.id3 import ID3, TALB, TCON, TIT2, TPE1

from bench.rows import row
from bench.stack import app_for, bench_stack
from devtools.liveserver import ROOT
from server.library import synth

FILES = 10_000
PER_ALBUM = 10
GENRES = ("Rock", "Jazz", "Folk", "Stories")


def write_tree(folder, count):
    """count distinct MP3s (one encoded tone, tagged differently), ten to an album folder."""
    Path(folder).mkdir(parents=True)
    base = synth.tone(Path(folder) / "base.mp3", seconds=0.5)
    data = base.read_bytes()
    base.unlink()
    for index in range(count):
        album = index // PER_ALBUM
        path = Path(folder) / f"Artist {album % 97}" / f"Album {album}" / f"{index:05d}.mp3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        tags = ID3(path)
        tags.add(TIT2(encoding=3, text=f"Song {index}"))
        tags.add(TPE1(encoding=3, text=f"Artist {album % 97}"))
        tags.add(TALB(encoding=3, text=f"Album {album}"))
        tags.add(TCON(encoding=3, text=GENRES[album % len(GENRES)]))
        tags.save()
    return Path(folder)


def plain_walk(folder):
    """What any scan must do at least: list the tree and stat each file."""
    count = 0
    for top, _dirs, files in os.walk(folder):
        for name in files:
            os.stat(os.path.join(top, name))
            count += 1
    return count


def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def scan_with_cli(env, expect):
    result = subprocess.run([sys.executable, "-m", "server", "scan"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=3600)
    if result.returncode != 0 or expect not in result.stdout:
        raise RuntimeError(f"scan did not report {expect!r}: {result.stdout[-500:]}"
                           f"{result.stderr[-500:]}")


def warm_rescans(settings, music, rounds=3):
    """(best rescan, best walk) in seconds, alternated in this process, its catalogue loaded."""
    from server import db
    from server.library import scanner

    app = app_for({**settings, "MUSIC_FOLDERS": str(music)})
    rescans, walks = [], []
    with app.app_context():
        scanner.scan([music])  # loads the catalogue, as the watcher's scan at start does
        for _ in range(rounds):
            walks.append(timed(lambda: plain_walk(music)))
            started = time.perf_counter()
            status = scanner.scan([music])
            rescans.append(time.perf_counter() - started)
            if status["counts"]["unchanged"] != FILES:
                raise RuntimeError(f"rescan did not find every file unchanged: {status['counts']}")
    db.get_client(app).close()
    return min(rescans), min(walks)


def run():
    # A loaded machine's FerretDB can take more than the default 10 s socket timeout to
    # answer the catalogue's first full read of 10,000 tracks; MONGO_TIMEOUT_MS sets it (x5).
    with tempfile.TemporaryDirectory() as tmp, \
            bench_stack(MONGO_TIMEOUT_MS="10000") as (_server, settings):
        music = write_tree(Path(tmp) / "music", FILES).resolve()
        env = {**os.environ, **settings, "MUSIC_FOLDERS": str(music)}
        subprocess.run([sys.executable, "-m", "server", "init-db"], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
        first = timed(lambda: scan_with_cli(env, f"{FILES} added"))
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        cli_walk = min(timed(lambda: plain_walk(music)) for _ in range(3))
        print(f"scan: first {first:.1f} s (walk {cli_walk:.3f} s), "
              f"largest child RSS {rss_mb:.0f} MB", file=sys.stderr, flush=True)
        rescan, walk = warm_rescans(settings, music)
        print(f"scan: warm rescan {rescan:.3f} s vs walk {walk:.3f} s", file=sys.stderr,
              flush=True)
        cli_rescan = timed(lambda: scan_with_cli(env, f"{FILES} unchanged"))
        print(f"scan: CLI rescan {cli_rescan:.2f} s", file=sys.stderr, flush=True)
        shutil.rmtree(music)
    return [
        row(f"first scan of {FILES} tagged MP3s in place (CLI; goal >= 500 files/s)",
            FILES / first, "files/s", FILES / cli_walk, "os.walk + stat of the tree"),
        row(f"rescan of the same {FILES}, nothing changed, in a running process "
            "(goal >= 0.5x the walk)", FILES / rescan, "files/s", FILES / walk,
            "os.walk + stat of the tree"),
        row(f"rescan of the same {FILES} with the CLI (Python, app and catalogue start included)",
            FILES / cli_rescan, "files/s", FILES / cli_walk, "os.walk + stat of the tree"),
        row("largest scan process, peak RSS", rss_mb, "MB", None),
    ]
