"""Requests and bytes of a first open of the app (every tab), the packaged build against the
plain ES modules of mobile/, each served by its own server on the same database."""

import json
import subprocess

from bench.app_build import build_app
from bench.rows import row
from bench.stack import ROOT, bench_stack, seed_tracks
from devtools.liveserver import LiveServer

TRACKS = 200


def first_open(url):
    out = subprocess.run(["node", str(ROOT / "bench" / "first_open.mjs"), url], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=300).stdout
    return json.loads(out.strip().splitlines()[-1])


def run():
    with bench_stack(APP_DIR=build_app()) as (built, settings):
        seed_tracks(settings, TRACKS)
        built.start()
        with LiveServer({**settings, "APP_DIR": str(ROOT / "mobile")}) as source:
            plain = first_open(source.url)
            packaged = first_open(built.url)
    return [row("first open, requests over the network (packaged)", packaged["requests"], "",
                plain["requests"], "ES modules"),
            row("first open, bytes over the network (packaged)", packaged["bytes"] / 1024, "KB",
                plain["bytes"] / 1024, "ES modules")]
