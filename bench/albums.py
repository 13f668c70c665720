"""Albums, artists and genres at 100,000 tracks (8,334 albums, 1,667 artists), measured against
the track list of the same process, interleaved; and what deriving them costs the catalogue.

Over HTTP: each album sort, a genre and a year filter, an album page, the artist list and
an artist page, genres and the grouped search, p50 and p99, each beside GET /api/v1/tracks
(page 3) timed in the same rounds. In process: the GROUP BY that fills the derived tables
after a load, beside the rest of the load (rows and sort indexes); and one tag edit applied
with the refresh of its album, artist and genres, beside the same edit without it.
"""

import http.client
import json
import time

from bench.rows import row
from bench.stack import app_for, bench_stack, seed_tracks, wait_for_catalogue

TRACKS = 100_000
ROUNDS = 3
SAMPLES = 30  # per route and round
BASELINE = "/api/v1/tracks?page=3"
LOAD_TIMEOUT = 1200  # a cold load of 100,000 tracks took over 300 s on a shared, busy machine


def routes(album_id, artist_id):
    return {
        "albums sort=title": "/api/v1/albums?sort=title&page=3",
        "albums sort=artist": "/api/v1/albums?sort=artist&page=3",
        "albums sort=year": "/api/v1/albums?sort=year&page=3",
        "albums sort=newest": "/api/v1/albums?sort=newest",
        "albums sort=most_played": "/api/v1/albums?sort=most_played",
        "albums sort=recently_played": "/api/v1/albums?sort=recently_played",
        "albums sort=random": "/api/v1/albums?sort=random&seed=7&page=2",
        "albums genre=Jazz": "/api/v1/albums?genre=Jazz&page=2",
        "albums year 1990-1999": "/api/v1/albums?year_from=1990&year_to=1999",
        "album detail": f"/api/v1/albums/{album_id}",
        "artists": "/api/v1/artists?page=3",
        "artist detail": f"/api/v1/artists/{artist_id}",
        "genres": "/api/v1/genres",
        "search (grouped)": "/api/v1/search?q=kalo",
    }


def timed(connection, path):
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}: {body[:200]!r}")
    return elapsed, body


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_http(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    _, body = timed(connection, "/api/v1/albums?per_page=1&sort=artist")
    album = json.loads(body)["items"][0]
    times = {name: [] for name in ("baseline", *routes(album["id"], album["artist_id"]))}
    for _ in range(ROUNDS):
        for name, path in routes(album["id"], album["artist_id"]).items():
            for _ in range(SAMPLES):  # the route, then the baseline, turn about
                times[name].append(timed(connection, path)[0])
                times["baseline"].append(timed(connection, BASELINE)[0])
    connection.close()
    bare = times.pop("baseline")
    rows = []
    for name, values in times.items():
        for label, q in (("p50", 0.5), ("p99", 0.99)):
            rows.append(row(f"GET {name} {label} at {TRACKS:,} tracks", percentile(values, q),
                            "ms", percentile(bare, q), f"GET {BASELINE}, same rounds"))
    return rows


def measure_catalogue(settings):
    """(derive seconds, rest of load seconds, refresh ms, edit-without-refresh ms)."""
    from server import db
    from server.library.catalogue import derived, rows, schema

    app = app_for(settings)
    with app.app_context():
        docs = list(db.get_db().tracks.find({}))
    db.get_client(app).close()
    conn = schema.connect()
    started = time.perf_counter()
    rows.load(conn, [(doc, None, 0) for doc in docs])
    conn.executescript(schema.INDEXES)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    derived.rebuild(conn)
    derive_seconds = time.perf_counter() - started
    edits = [{**doc, "album": f"{doc['album']} (edited)"} for doc in docs[500:700]]
    started = time.perf_counter()
    for doc in edits[:100]:
        touched = derived.Touched()
        rows.upsert(conn, doc, {}, touched)
        derived.refresh(conn, touched)
    with_refresh = (time.perf_counter() - started) * 10  # ms per edit
    started = time.perf_counter()
    for doc in edits[100:]:
        rows.upsert(conn, doc, {}, derived.Touched())
    without = (time.perf_counter() - started) * 10
    return derive_seconds, load_seconds, with_refresh, without


def run():
    with bench_stack(LOG_LEVEL="WARNING") as (server, settings):
        seed_tracks(settings, TRACKS)
        server.start()
        wait_for_catalogue(server, timeout=LOAD_TIMEOUT)
        results = measure_http(server)
        derive, load, with_refresh, without = measure_catalogue(settings)
    results += [
        row(f"deriving albums, artists, genres after a load of {TRACKS:,} tracks", derive, "s",
            load, "the rest of the load (rows, search, sort indexes)"),
        row("one tag edit moving a track to a new album, with its refresh", with_refresh, "ms",
            without, "the same edit without refreshing albums"),
    ]
    for result in results:
        print(json.dumps(result))
    return results


if __name__ == "__main__":
    run()
