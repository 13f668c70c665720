"""GET /api/v1/tracks throughput and p99 latency at 64 connections, with 1,000 and with
100,000 tracks, against a bare JSON route served by the same server process (the cost of
Flask + gevent alone)."""

from bench import wrk
from bench.rows import row
from bench.stack import bench_stack, seed_tracks, wait_for_catalogue

SIZES = (1_000, 100_000)
CONNECTIONS = 64
SECONDS = 10
ROUNDS = 2  # bare, tracks, bare, tracks: each side sees the same machine state


def measure(url):
    wrk.load(url, connections=CONNECTIONS, seconds=3, warm_up=True)  # warm-up: connections, caches
    return wrk.load(url, connections=CONNECTIONS, seconds=SECONDS)


def best(results, key, pick):
    return pick(result[key] for result in results)


def measure_library(size):
    """Rows for one library size, on a stack of its own."""
    with bench_stack() as (server, settings):
        seed_tracks(settings, size)
        server.start()
        wait_for_catalogue(server)
        bare_url, tracks_url = f"{server.url}/_bench/bare", f"{server.url}/api/v1/tracks"
        bare, tracks = [], []
        for _ in range(ROUNDS):
            bare.append(measure(bare_url))
            tracks.append(measure(tracks_url))
    errors = sum(r["errors"] for r in bare + tracks)
    if errors:
        raise RuntimeError(f"{errors} failed requests under load")
    rps, base_rps = best(tracks, "rps", max), best(bare, "rps", max)
    p99, base_p99 = best(tracks, "p99_ms", min), best(bare, "p99_ms", min)
    label = f"GET /api/v1/tracks ({size:,} tracks, 20 per page), {CONNECTIONS} connections"
    return [row(f"{label}: throughput", rps, "req/s", base_rps, "bare JSON route"),
            row(f"{label}: p99 latency", p99, "ms", base_p99, "bare JSON route")]


def run():
    return [result for size in SIZES for result in measure_library(size)]
