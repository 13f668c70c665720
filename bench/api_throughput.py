"""GET /api/v1/tracks throughput and p99 latency at 64 connections, with 1,000 and with
100,000 tracks, against a bare JSON route served by the same server process (the cost of
Flask + gevent alone); and two server processes behind the front server (nginx) against one
process alone."""

import contextlib
import tempfile
from pathlib import Path

from bench import wrk
from bench.rows import row
from bench.stack import bench_stack, seed_tracks, wait_for_catalogue
from deploy.nginx_conf import FrontSettings
from devtools.front import FrontServer
from devtools.liveserver import LiveServer
from devtools.redis_server import RedisServer

SIZES = (1_000, 100_000)
FRONT_TRACKS = 1_000  # the library behind nginx: what is compared is one process vs two
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


def behind_front_rows():
    """Two processes (Redis broker) behind nginx against one process alone, same library."""
    with (bench_stack(LOG_LEVEL="WARNING") as (server, settings),
          tempfile.TemporaryDirectory(prefix="tapcast-front-") as name,
          contextlib.ExitStack() as stack):
        work = Path(name)
        redis_server = stack.enter_context(RedisServer(work))
        seed_tracks(settings, FRONT_TRACKS)
        env = {**settings, "REDIS_URL": redis_server.url, "TRUSTED_PROXIES": "1"}
        first = stack.enter_context(LiveServer(env, log_path=work / "a.log"))
        second = stack.enter_context(LiveServer(env, log_path=work / "b.log"))
        front = stack.enter_context(FrontServer(FrontSettings(
            upstreams=[f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"],
            run_dir=work / "nginx", media_root=Path(settings["MEDIA_ROOT"]),
            access_log="off")))
        wait_for_catalogue(first)
        wait_for_catalogue(second)
        alone, behind = [], []
        for _ in range(ROUNDS):
            alone.append(measure(f"{first.url}/api/v1/tracks"))
            behind.append(measure(f"{front.url}/api/v1/tracks"))
    errors = sum(r["errors"] for r in alone + behind)
    if errors:
        raise RuntimeError(f"{errors} failed requests under load")
    label = f"GET /api/v1/tracks, {CONNECTIONS} connections: two processes behind nginx"
    return [row(f"{label}: throughput", best(behind, "rps", max), "req/s",
                best(alone, "rps", max), "one process alone"),
            row(f"{label}: p99 latency", best(behind, "p99_ms", min), "ms",
                best(alone, "p99_ms", min), "one process alone")]


def run():
    return [*(result for size in SIZES for result in measure_library(size)),
            *behind_front_rows()]
