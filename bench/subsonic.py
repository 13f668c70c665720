"""Symfonium's sync through the Subsonic API at 100,000 tracks, against /api/v1/tracks.

A Subsonic client copies a library with search3?query=""&songCount=500&songOffset=0, 500,
1000 ... until a short page. This pages through all 100,000 tracks that way (JSON, an API
key), and through /api/v1/tracks?page=N&per_page=500 (PER_PAGE_MAX raised to 500 for the
comparison) in the same server process, the two interleaved page by page so they see the
same machine. It reports the whole sweep and the per-page p50 and p99, Subsonic over JSON API.
"""

import http.client
import json
import os
import time
import urllib.parse

from bench.rows import row
from bench.stack import app_for, bench_stack, seed_tracks, wait_for_catalogue

# SUBSONIC_BENCH_TRACKS: a smaller library when the machine cannot load 100,000 in time
TRACKS = int(os.environ.get("SUBSONIC_BENCH_TRACKS", "100000"))
PAGE = 500


def credentials(settings):
    """(API token, Subsonic API key) of a new user of the bench's database."""
    from server import db
    from server.accounts import tokens, users
    from server.subsonic import keys

    app = app_for(settings)
    with app.app_context():
        user = users.create_user("bench-listener", "Sync-Through-Symfonium-9")
        token = tokens.issue_token(user["_id"])
        _, key = keys.create_key(user["_id"], "bench")
    db.get_client(app).close()
    return token, key


def timed(connection, path, headers, count_items):
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed, count_items(json.loads(body))


def subsonic_songs(body):
    answer = body["subsonic-response"]
    if answer["status"] != "ok":
        raise RuntimeError(f"search3 failed: {answer['error']}")
    return len(answer["searchResult3"].get("song", []))


def sweep(server, token, key):
    """{name: [seconds per page]} of both sweeps through the whole library, interleaved."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    times = {"search3": [], "tracks": []}
    counts = {"search3": 0, "tracks": 0}
    for page in range(TRACKS // PAGE + 1):
        query = urllib.parse.urlencode({"apiKey": key, "f": "json", "query": "",
                                        "songCount": PAGE, "songOffset": page * PAGE,
                                        "artistCount": 0, "albumCount": 0})
        for name, path, headers, count in (
                ("search3", f"/rest/search3?{query}", {}, subsonic_songs),
                ("tracks", f"/api/v1/tracks?page={page + 1}&per_page={PAGE}",
                 {"Authorization": f"Bearer {token}"}, lambda body: len(body["items"]))):
            elapsed, items = timed(connection, path, headers, count)
            times[name].append(elapsed)
            counts[name] += items
    connection.close()
    if counts["search3"] != TRACKS or counts["tracks"] != TRACKS:
        raise RuntimeError(f"the sweeps saw {counts}, not {TRACKS} tracks each")
    return times


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run():
    with bench_stack(LOG_LEVEL="WARNING", PER_PAGE_MAX=str(PAGE)) as (server, settings):
        seed_tracks(settings, TRACKS)
        token, key = credentials(settings)
        server.start(timeout=600)  # a loaded machine needs longer than the default
        wait_for_catalogue(server, timeout=600)
        times = sweep(server, token, key)
    subsonic, tracks = times["search3"], times["tracks"]
    baseline = "/api/v1/tracks, same pages, same run"
    return [
        row(f"search3 empty query, {TRACKS:,} tracks in pages of {PAGE}: whole sweep",
            sum(subsonic), "s", sum(tracks), baseline),
        row(f"search3 page of {PAGE} p50", percentile(subsonic, 0.5) * 1000, "ms",
            percentile(tracks, 0.5) * 1000, baseline),
        row(f"search3 page of {PAGE} p99", percentile(subsonic, 0.99) * 1000, "ms",
            percentile(tracks, 0.99) * 1000, baseline),
        row("search3 last page vs first page", subsonic[-2] * 1000, "ms", subsonic[0] * 1000,
            "first page, same sweep"),
    ]
