"""Scanning a music folder in place with `python -m server scan`: the first scan of 10,000
tagged MP3s, then a rescan with nothing changed, against a plain os.walk + stat of the tree."""

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
from bench.stack import bench_stack
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


def run():
    with tempfile.TemporaryDirectory() as tmp, bench_stack() as (_server, settings):
        music = write_tree(Path(tmp) / "music", FILES)
        env = {**os.environ, **settings, "MUSIC_FOLDERS": str(music)}
        subprocess.run([sys.executable, "-m", "server", "init-db"], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
        first = timed(lambda: scan_with_cli(env, f"{FILES} added"))
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        walk = min(timed(lambda: plain_walk(music)) for _ in range(3))
        rescan = timed(lambda: scan_with_cli(env, f"{FILES} unchanged"))
        shutil.rmtree(music)
    walk_rate = FILES / walk
    print(f"scan: first {first:.1f} s, rescan {rescan:.2f} s, walk {walk:.3f} s, "
          f"largest child RSS {rss_mb:.0f} MB", flush=True)
    return [
        row(f"first scan of {FILES} tagged MP3s in place (CLI; goal >= 500 files/s)",
            FILES / first, "files/s", walk_rate, "os.walk + stat of the tree"),
        row(f"rescan of the same {FILES}, nothing changed (goal >= 0.5x the walk)",
            FILES / rescan, "files/s", walk_rate, "os.walk + stat of the tree"),
        row("largest scan process, peak RSS", rss_mb, "MB", None),
    ]
