"""Importing a generated folder with `python -m server import` (tags, hashing, storing,
one record per file), in files per second, against a plain copy of the same files."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import audio_files
from bench.rows import row
from bench.stack import bench_stack
from devtools.liveserver import ROOT

FILES = 400


def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def import_with_cli(env, folder):
    result = subprocess.run([sys.executable, "-m", "server", "import", str(folder)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0 or f"{FILES} added" not in result.stdout:
        raise RuntimeError(f"import did not add every file: {result.stdout[-500:]}"
                           f"{result.stderr[-500:]}")


def run():
    with tempfile.TemporaryDirectory() as tmp, bench_stack() as (_server, settings):
        source = audio_files.write_library(Path(tmp) / "source", FILES)
        copy_seconds = timed(lambda: shutil.copytree(source, Path(tmp) / "copy"))
        env = {**os.environ, **settings}
        subprocess.run([sys.executable, "-m", "server", "init-db"], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
        import_seconds = timed(lambda: import_with_cli(env, source))
    rate, copy_rate = FILES / import_seconds, FILES / copy_seconds
    return [row(f"import a folder of {FILES} WAV files (CLI, new library)", rate, "files/s",
                copy_rate, "plain copy")]
