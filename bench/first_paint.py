"""The packaged app's first paint (the library tab showing its first tracks) in headless
Chromium with 100,000 tracks in the library, against a static blank page from the same
server."""

import json
import os
import statistics
import subprocess
import urllib.error
import urllib.request

from bench.app_build import build_app
from bench.big_library import seed_library
from bench.rows import row
from bench.stack import ROOT, bench_stack

# FIRST_PAINT_TRACKS: a smaller library when seeding 100,000 tracks takes too long here.
TRACKS = int(os.environ.get("FIRST_PAINT_TRACKS", 100_000))
RUNS = 5


def require_app(url):
    """Fail with the reason when this server does not serve the phone app at /."""
    try:
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            if response.headers.get_content_type() == "text/html":
                return
    except urllib.error.HTTPError as error:
        error.close()
    raise RuntimeError("this server does not serve the phone app at / (mobile/ not merged?)")


def run():
    with bench_stack(APP_DIR=build_app()) as (server, settings):
        seed_library(settings, TRACKS)
        server.start()
        require_app(server.url)
        out = subprocess.run(["node", str(ROOT / "bench" / "first_paint.mjs"), server.url,
                              str(RUNS)], cwd=ROOT, capture_output=True, text=True,
                             check=True, timeout=600).stdout
    times = json.loads(out.strip().splitlines()[-1])
    app, blank = statistics.median(times["app_ms"]), statistics.median(times["blank_ms"])
    return [row(f"app first paint (packaged), library of {TRACKS:,} tracks (median of {RUNS})",
                app, "ms", blank, "blank page")]
