"""The packaged app with 100,000 tracks in the library, in headless Chromium: its first paint
(the library tab showing its first tracks) against a static blank page from the same server,
and its frames while the library scrolls (bench/scroll.mjs) against the same page's frames
while it sits still."""

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
SCROLL_SECONDS = 5
LONG_FRAME_MS = 50  # a frame this long is a visible stutter (RAIL's budget for a response)


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
        times = node_json("first_paint.mjs", server.url, RUNS)
        frames = node_json("scroll.mjs", server.url, SCROLL_SECONDS)
    app, blank = statistics.median(times["app_ms"]), statistics.median(times["blank_ms"])
    print(f"scroll: {len(frames['scroll_ms'])} frames over {frames['scrolled_px']} px, "
          f"{frames['rows']} rows in the list", flush=True)
    return [row(f"app first paint (packaged), library of {TRACKS:,} tracks (median of {RUNS})",
                app, "ms", blank, "blank page"), *scroll_rows(frames)]


def node_json(script, *args):
    """The JSON a bench/*.mjs script prints last."""
    out = subprocess.run(["node", str(ROOT / "bench" / script), *map(str, args)], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=900).stdout
    return json.loads(out.strip().splitlines()[-1])


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def scroll_rows(frames):
    """Frame times while scrolling the library against the same page sitting still."""
    scroll, idle = frames["scroll_ms"], frames["idle_ms"]
    long_share = sum(1 for ms in scroll if ms > LONG_FRAME_MS) / len(scroll)
    idle_long = sum(1 for ms in idle if ms > LONG_FRAME_MS) / len(idle)
    label = f"library scroll at 3,000 px/s, {TRACKS:,} tracks ({SCROLL_SECONDS} s)"
    return [
        row(f"{label}: frame time p95", percentile(scroll, 0.95), "ms",
            percentile(idle, 0.95), "the page still, p95"),
        row(f"{label}: longest frame", max(scroll), "ms", max(idle), "the page still"),
        row(f"{label}: frames over {LONG_FRAME_MS} ms", 100 * long_share, "%",
            100 * idle_long, "the page still"),
    ]
