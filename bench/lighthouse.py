"""Lighthouse mobile scores of the packaged app and of the receiver, against the goals of
issue 15 (performance 0.95, accessibility 1.0, best practices 1.0)."""

import json
import subprocess

from bench.app_build import build_app
from bench.rows import row
from bench.stack import ROOT, bench_stack, seed_tracks

TRACKS = 1000
GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
PAGES = {"app": "/", "receiver": "/receiver/"}


def audit(url):
    out = subprocess.run(["node", str(ROOT / "bench" / "lighthouse.mjs"), url], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=300).stdout
    return json.loads(out.strip().splitlines()[-1])


def run():
    with bench_stack(APP_DIR=build_app()) as (server, settings):
        seed_tracks(settings, TRACKS)
        server.start()
        results = {name: audit(server.url + path) for name, path in PAGES.items()}
    return [row(f"Lighthouse mobile {category}, {name}", scores[category], "",
                goal, "goal") for name, scores in results.items()
            for category, goal in GOALS.items()]
