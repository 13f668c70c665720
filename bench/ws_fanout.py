"""Benchmark: 2,000 receivers on one `python -m server` process (not a test).

Measures, on a real server with a real database (FerretDB unless MONGO_URI is set):
- command -> delivery latency (p50/p99) with 1,000 receivers connected, for `volume` (relayed
  after one device read) and `play` (queue compare-and-set, track lookup), each against the
  baseline of a ping -> pong round trip sent on the same phone socket just before each
  command, so both are measured side by side under the same load in the same run;
- how many of 2,000 receivers connect and stay connected, and how fast they connect (each
  connect is a token check and a presence insert), against a bare HTTP health request;
- memory per idle connection: the server's RSS before and after 2,000 receivers connect,
  against a budget of 64 KiB per connection;
- the whole run's wall time against its bound (TIME_LIMIT_SECONDS).

The heartbeat is set long (600 s) so the connections stay idle for the whole run. Connecting
stops at the time bound, so a slow database shows as fewer `ws_connections_held`.

    python -m bench.ws_fanout        # prints the rows; run() returns them for `make bench`
"""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import websocket  # noqa: E402
from gevent.pool import Pool  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rows import row  # noqa: E402
from devtools.ferretdb import FerretDB  # noqa: E402
from devtools.liveserver import LiveServer  # noqa: E402

HELD = 2000
MEASURED_AT = 1000
SAMPLES = 200
PLAY_SAMPLES = 50  # each play is a queue compare-and-set: database-bound on FerretDB
APP_SESSIONS = 4
COMMAND_INTERVAL = 0.02  # with 4 sessions: 12.5 messages/s each, under the socket's 20/s
PHASE_SECONDS = 12  # at most this long for each latency series
CONNECT_CONCURRENCY = 16
BUDGET_KIB_PER_CONNECTION = 64
TIME_LIMIT_SECONDS = 85


def raise_fd_limit(wanted=HELD * 2 + 512):
    """Enough descriptors for both ends (the server process inherits the limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def seed(mongo_uri, db_name):
    """A user with a token, HELD paired devices (raw tokens) and one track, straight in the DB."""
    from server import create_app
    from server.accounts import tokens, users
    from server.db import ensure_indexes, get_db
    from server.devices import devices

    app = create_app({"MONGO_URI": mongo_uri, "MONGO_DB": db_name})
    ensure_indexes(app)
    with app.app_context():
        user = users.create_user("bench", "fan-out-load-7")
        token = tokens.issue_token(user["_id"])
        docs, raws = [], []
        for n in range(HELD):
            doc, raw = devices.new_device(f"speaker {n}")
            doc["household_id"] = user["_id"]  # the user's first household has their id
            docs.append(doc)
            raws.append(raw)
        ids = get_db().devices.insert_many(docs).inserted_ids
        track = get_db().tracks.insert_one({"title": "bench"}).inserted_id
    return token, [str(i) for i in ids], raws, str(track)


class Receiver:
    """One receiver socket; a greenlet answers pings and timestamps each command."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=20, suppress_origin=True)
        self.ws.recv()  # hello
        self.ws.settimeout(None)  # idle for the rest of the run
        self.arrivals = gevent.queue.Queue()
        self.reader = gevent.spawn(self.read)

    def read(self):
        try:
            while True:
                message = json.loads(self.ws.recv())
                if message["type"] == "ping":
                    self.ws.send('{"type":"pong"}')
                elif message["type"] == "command":
                    self.arrivals.put(time.perf_counter())
        except (websocket.WebSocketException, OSError, ValueError):
            pass


class Phone:
    """An app session: sends a message and waits for its answer."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=20, suppress_origin=True)
        self.ws.recv()  # hello
        self.count = 0

    def request(self, msg_type, data):
        self.count += 1
        msg_id = str(self.count)
        self.ws.send(json.dumps({"type": msg_type, "id": msg_id, "data": data}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == msg_id:
                return message


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(phones, receivers, device_ids, make_data, samples):
    """(command -> arrival seconds, ping round trips on the same phone sockets, interleaved)."""
    latencies, pings = [], []
    phase_ends = time.monotonic() + PHASE_SECONDS
    for n in range(samples):
        if latencies and time.monotonic() > phase_ends:
            break
        gevent.sleep(COMMAND_INTERVAL)
        index = random.randrange(len(receivers))
        phone = phones[n % len(phones)]
        started = time.perf_counter()
        phone.request("ping", {})
        pings.append(time.perf_counter() - started)
        gevent.sleep(COMMAND_INTERVAL)
        started = time.perf_counter()
        reply = phone.request("command", {"device_id": device_ids[index], **make_data()})
        if reply["type"] != "ack":
            raise RuntimeError(f"command refused: {reply}")
        arrived = receivers[index].arrivals.get(timeout=30)
        latencies.append(arrived - started)
    return latencies, pings


def health_rate(server, count=400):
    """GET /api/v1/health (one database ping) per second, CONNECT_CONCURRENCY at a time."""
    def fetch(_):
        with urllib.request.urlopen(f"{server.url}/api/v1/health", timeout=10) as response:
            response.read()

    started = time.perf_counter()
    list(Pool(CONNECT_CONCURRENCY).imap_unordered(fetch, range(count)))
    return count / (time.perf_counter() - started)


def connect_receivers(server, raws, deadline=None):
    """Receivers for the raw tokens (None where it failed or the deadline had passed)."""
    def attempt(raw):
        if deadline is not None and time.monotonic() > deadline:
            return None
        try:
            return Receiver(f"{server.ws_url}/ws?device_token={raw}")
        except (websocket.WebSocketException, OSError):
            return None

    return list(Pool(CONNECT_CONCURRENCY).imap(attempt, raws))


def latency_rows(name, latencies, pings):
    """p50 and p99 of a series (ms), each against the ping round trips taken alongside it."""
    return [row(f"{name}_{label}_at_{MEASURED_AT}", percentile(latencies, q) * 1000, "ms",
                percentile(pings, q) * 1000) for label, q in (("p50", .5), ("p99", .99))]


def drive(server, token, device_ids, raws, track, deadline):
    process_rss_before = rss_kib(server.process.pid)
    health = health_rate(server)
    connect_started = time.perf_counter()
    receivers = connect_receivers(server, raws[:MEASURED_AT])
    connect_seconds = time.perf_counter() - connect_started
    if None in receivers:
        raise RuntimeError(f"{receivers.count(None)} of {MEASURED_AT} receivers failed to connect")
    phones = [Phone(f"{server.ws_url}/ws?token={token}") for _ in range(APP_SESSIONS)]
    relay = measure(phones, receivers, device_ids, lambda: {"action": "volume", "volume": 0.5},
                    SAMPLES)
    play = measure(phones, receivers, device_ids,
                   lambda: {"action": "play", "track_ids": [track], "mode": "now"}, PLAY_SAMPLES)
    # The second thousand, while the time bound allows (a slow database shows as fewer held).
    receivers += connect_receivers(server, raws[MEASURED_AT:], deadline)
    gevent.sleep(1)
    held = sum(1 for r in receivers if r is not None and r.ws.connected)
    per_connection = (rss_kib(server.process.pid) - process_rss_before) / held
    return [
        row("ws_connections_held", held, "connections", HELD),
        # Receivers connected per second vs bare health requests per second, as concurrent.
        row("ws_connects_per_second", MEASURED_AT / connect_seconds, "per s", health),
        *latency_rows("ws_command_latency", *relay),
        *latency_rows("ws_play_latency", *play),
        row("ws_memory_per_idle_connection", per_connection, "KiB", BUDGET_KIB_PER_CONNECTION),
    ]


def run():
    """Start a database and a server, drive them, return the result rows (bounded < 90 s)."""
    started = time.monotonic()
    raise_fd_limit()
    work = Path(tempfile.mkdtemp(prefix="tapcast-wsbench-"))
    database = None
    mongo_uri = os.environ.get("MONGO_URI")
    if not mongo_uri:
        database = FerretDB(work / "ferretdb", log_path=work / "ferretdb.log").start()
        mongo_uri = database.uri
    db_name = f"tapcast_bench_{os.getpid()}"
    env = {"MONGO_URI": mongo_uri, "MONGO_DB": db_name, "TAPCAST_ENV": "testing",
           "WS_HEARTBEAT_SECONDS": "600", "LOG_LEVEL": "WARNING", "REDIS_URL": ""}
    server = LiveServer(env, log_path=work / "server.log")
    try:
        token, device_ids, raws, track = seed(mongo_uri, db_name)
        server.start()
        deadline = started + TIME_LIMIT_SECONDS - 5
        with gevent.Timeout(max(1, started + TIME_LIMIT_SECONDS - time.monotonic())):
            rows = drive(server, token, device_ids, raws, track, deadline)
        return [*rows, row("ws_bench_seconds", time.monotonic() - started, "s",
                           TIME_LIMIT_SECONDS)]
    finally:
        server.stop()
        if database is not None:
            database.stop()
            shutil.rmtree(work, ignore_errors=True)
        else:
            from pymongo import MongoClient

            MongoClient(mongo_uri).drop_database(db_name)


if __name__ == "__main__":
    for result in run():
        print(json.dumps(result))
