"""Benchmark: a 10-minute soak of legitimate use under attack (issue 17, "Must show").

One server (FerretDB unless MONGO_URI is set) with its production limits, and at once:
- 500 paired receivers reporting `state` every 5 s (and after every command they get);
- 50 phones browsing the library, their favorites and devices, and commanding their receivers;
- sign-in floods (wrong passwords) from 20 addresses;
- 2 slowloris clients holding 200 half-sent requests each;
- /health sampled one request after another from its own address.
Every 30 s it prints health p50/p99, error counts and the server's RSS; at the end the WAL's
size. Goals: no 5xx (nor socket errors) for legitimate clients, flat RSS, a WAL under 100 MB.

    python -m bench.soak [SECONDS]     # or SOAK_SECONDS=60; 600 by default
"""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import websocket  # noqa: E402
from gevent.event import Event  # noqa: E402
from gevent.lock import BoundedSemaphore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import attack_clients as clients  # noqa: E402
from bench.attacks import raise_fd_limit  # noqa: E402
from bench.rows import row  # noqa: E402
from bench.stack import app_for, bench_stack, seed_tracks  # noqa: E402

PHONES = 50
RECEIVERS_PER_PHONE = 10
STATE_EVERY_SECONDS = 5
PHONE_PAUSE_SECONDS = 2
FLOOD_ADDRESSES = 20
SLOWLORIS = 2
SLOWLORIS_HELD = 200
REPORT_EVERY_SECONDS = 30
WAL_BUDGET_MB = 100
TRACKS = 300
# Connects in flight at once: a connect storm is ws_fanout's subject, the steady state is ours.
CONNECTING = BoundedSemaphore(8)
BROWSING = ["/api/v1/tracks?page={}&per_page=20", "/api/v1/tracks?q=t&page={}",
            "/api/v1/me/favorites", "/api/v1/devices", "/api/v1/me"]


def soak_seconds():
    if len(sys.argv) > 1 and sys.argv[1].isdigit():
        return int(sys.argv[1])
    return int(os.environ.get("SOAK_SECONDS", "600"))


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def wal_mb(data_dir):
    return sum(path.stat().st_size for path in Path(data_dir).rglob("*-wal")) / (1024 * 1024)


def seed_people(settings):
    """PHONES users with a token each, owning RECEIVERS_PER_PHONE devices each (in the DB)."""
    from server import db
    from server.accounts import tokens, users
    from server.devices import devices

    app = app_for(settings)
    people = []
    with app.app_context():
        db.ensure_indexes(app)
        for n in range(PHONES):
            user = users.create_user(f"phone{n}", "soak-password-1")
            docs, raws = [], []
            for m in range(RECEIVERS_PER_PHONE):
                doc, raw = devices.new_device(f"speaker {n}-{m}")
                doc["household_id"] = user["_id"]  # the user's first household has their id
                docs.append(doc)
                raws.append(raw)
            db.get_db().devices.insert_many(docs)
            people.append({"token": tokens.issue_token(user["_id"]),
                           "devices": [str(doc["_id"]) for doc in docs], "receivers": raws})
    db.get_client(app).close()
    return people


class Tally:
    """Counts by kind for the legitimate clients and the attackers."""

    def __init__(self):
        self.legit, self.attack = {}, {}

    def add(self, counts, key):
        counts[key] = counts.get(key, 0) + 1

    def legit_failures(self):
        return sum(count for key, count in self.legit.items()
                   if key.startswith(("5", "None", "socket_error", "socket_lost")))


def read_socket(ws, stop, tally, who, on_command=None):
    """Answer pings, count error replies and a lost socket; on_command() for each command."""
    try:
        while True:
            message = json.loads(ws.recv())
            if message["type"] == "ping":
                ws.send('{"type":"pong"}')
            elif message["type"] == "command" and on_command is not None:
                on_command()
            elif message["type"] == "error":
                tally.add(tally.legit, f"socket_error {message['data']['code']}")
    except (websocket.WebSocketException, OSError, ValueError):
        if not stop.is_set():
            tally.add(tally.legit, f"socket_lost {who}")


def receiver(ws_url, raw, stop, tally, source):
    """A paired receiver: state every few seconds and after each command; answers pings."""
    try:
        with CONNECTING:
            ws = clients.ws_connect(ws_url, f"device_token={raw}", source)
            ws.recv()
    except (websocket.WebSocketException, OSError) as exc:
        tally.add(tally.legit, f"socket_lost connect {type(exc).__name__}")
        return
    wake = Event()

    reader = gevent.spawn(read_socket, ws, stop, tally, "receiver", on_command=wake.set)
    position = 0
    gevent.sleep(random.uniform(0, STATE_EVERY_SECONDS))
    try:
        while not stop.is_set():
            position += STATE_EVERY_SECONDS
            ws.send(json.dumps({"type": "state", "data": {
                "status": "playing", "track_id": None, "position": position, "duration": 3600,
                "volume": 1}}))
            tally.add(tally.legit, "state")
            wake.wait(STATE_EVERY_SECONDS)
            wake.clear()
    except (websocket.WebSocketException, OSError):
        tally.add(tally.legit, "socket_lost receiver send")
    finally:
        reader.kill()
        ws.close()


def phone(port, ws_url, person, stop, tally, source):
    """Browse and command: one request or socket command every couple of seconds."""
    try:
        with CONNECTING:
            ws = clients.ws_connect(ws_url, f"token={person['token']}", source)
            ws.recv()
    except (websocket.WebSocketException, OSError):
        tally.add(tally.legit, "socket_lost phone connect")
        return

    reader = gevent.spawn(read_socket, ws, stop, tally, "phone")
    try:
        while not stop.is_set():
            gevent.sleep(random.uniform(0.5, 1.5) * PHONE_PAUSE_SECONDS)
            if random.random() < 0.3:
                action = random.choice(["pause", "resume", "volume"])
                data = {"device_id": random.choice(person["devices"]), "action": action}
                if action == "volume":
                    data["volume"] = round(random.random(), 2)
                ws.send(json.dumps({"type": "command", "data": data}))
                tally.add(tally.legit, "command")
                continue
            path = random.choice(BROWSING).format(random.randint(1, 10))
            status, _ = clients.call(port, "GET", path, token=person["token"], source=source)
            tally.add(tally.legit, str(status))
    except (websocket.WebSocketException, OSError):
        tally.add(tally.legit, "socket_lost phone send")
    finally:
        reader.kill()
        ws.close()


def wrong_sign_ins(port, stop, tally, source):
    """An address trying passwords for made-up and real names, a couple a second."""
    while not stop.is_set():
        name = random.choice(["phone1", "phone2", f"nobody{random.randint(0, 10**6)}"])
        status, _ = clients.call(port, "POST", "/api/v1/auth/login",
                                 {"username": name, "password": "guess-" + str(random.random())},
                                 source=source)
        tally.add(tally.attack, f"sign-in {status}")
        gevent.sleep(0.5)


def start_everyone(server, people, stop, tally):
    port, ws_url = server.port, server.ws_url
    greenlets = []
    for n, person in enumerate(people):
        source = f"127.0.6.{n + 1}"
        greenlets.append(gevent.spawn(phone, port, ws_url, person, stop, tally, source))
        for raw in person["receivers"]:
            greenlets.append(gevent.spawn(receiver, ws_url, raw, stop, tally,
                                          f"127.0.7.{n + 1}"))
    for n in range(FLOOD_ADDRESSES):
        greenlets.append(gevent.spawn(wrong_sign_ins, port, stop, tally, f"127.0.8.{n + 1}"))
    for n in range(SLOWLORIS):
        greenlets.append(gevent.spawn(clients.slowloris, port, stop, tally.attack,
                                      SLOWLORIS_HELD, f"127.0.9.{n + 1}"))
    return greenlets


def report(elapsed, samples, errors, tally, pid):
    window = samples[:]
    samples.clear()
    print(f"t={elapsed:5.0f}s health p50={clients.percentile(window, 0.5) or 0:7.1f} ms "
          f"p99={clients.percentile(window, 0.99) or 0:7.1f} ms n={len(window)} "
          f"health_errors={len(errors)} legit_failures={tally.legit_failures()} "
          f"rss={rss_mb(pid):.0f} MB", flush=True)


def run():
    raise_fd_limit(16_000)
    seconds = soak_seconds()
    with bench_stack(MAX_CONNECTIONS_PER_ADDRESS="256") as (server, settings):
        server.start()
        seed_tracks(settings, TRACKS)
        people = seed_people(settings)
        pid = server.process.pid
        stop, samples, errors, tally = Event(), [], [], Tally()
        sampler = gevent.spawn(clients.health_sampler, server.port, stop, samples, errors)
        gevent.sleep(5)
        idle_p99 = clients.percentile(samples, 0.99)
        samples.clear()
        greenlets = start_everyone(server, people, stop, tally)
        rss_start = None  # taken at the first report, once the connects have ramped up
        started, all_samples = time.monotonic(), []
        while time.monotonic() - started < seconds:
            gevent.sleep(min(REPORT_EVERY_SECONDS, seconds))
            all_samples.extend(samples)
            report(time.monotonic() - started, samples, errors, tally, pid)
            rss_start = rss_start or rss_mb(pid)
        rss_end = rss_mb(pid)
        stop.set()
        gevent.joinall(greenlets + [sampler], timeout=30)
        gevent.killall(greenlets, timeout=5)
        wal = wal_mb(Path(settings["MEDIA_ROOT"]).parent / "data")
        print("legitimate:", dict(sorted(tally.legit.items())), flush=True)
        print("attackers:", dict(sorted(tally.attack.items(), key=str)), flush=True)
        print(f"WAL at the end: {wal:.1f} MB; RSS {rss_start:.0f} -> {rss_end:.0f} MB",
              flush=True)
    return [
        row(f"soak {seconds}s: /health p99 under load", clients.percentile(all_samples, 0.99),
            "ms", idle_p99, "idle p99"),
        row(f"soak {seconds}s: /health p50 under load", clients.percentile(all_samples, 0.5),
            "ms", idle_p99, "idle p99"),
        row(f"soak {seconds}s: 5xx/socket failures of legitimate clients (goal 0)",
            tally.legit_failures(), "", sum(tally.legit.values()), "legitimate operations"),
        row(f"soak {seconds}s: server RSS at the end (goal flat)", rss_end, "MB", rss_start,
            "RSS at the first report"),
        row(f"soak {seconds}s: FerretDB WAL at the end (goal < 100 MB)", wal, "MB",
            WAL_BUDGET_MB, "budget"),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
