"""House rules on the hot paths: what checking rules adds to a command, and whether the
listening report of one receiver costs the same however much the others have listened.

One server process, one household with two receivers online (real WebSocket clients): one
with rules (quiet time every night, a daily limit, allowed content), one without. Rows:
- a `volume` command to the receiver with rules, against the same command to the one
  without (interleaved, same run): the cost of the rules check;
- GET rules against GET device of the same receiver;
- GET report (14 days) of a receiver with 62 days x 40 stretches of listening, first alone,
  then after 40 more receivers with 62 days x 40 stretches each (49,600 documents) join the
  same collections: the goal is a ratio near 1 (every read is by _id).
"""

import http.client
import json
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from bson import ObjectId

from bench.rows import row
from bench.stack import bench_stack
from tests.realtime.peers import Peer

SAMPLES = 15
DAYS = 62
STRETCHES = 40
CROWD_RECEIVERS = 20


class Client:
    def __init__(self, server, token=None):
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self.token = token

    def call(self, method, path, body=None):
        """(milliseconds, status, JSON) of one request."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.connection.request(method, path, json.dumps(body) if body is not None else None,
                                headers)
        response = self.connection.getresponse()
        raw = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {raw[:200]!r}")
        return elapsed, json.loads(raw) if raw else None


def receiver(client, server):
    """A receiver paired with the client's household and connected: (device id, peer)."""
    _, registration = client.call("POST", "/api/v1/devices", {"name": "Bench"})
    _, device = client.call("POST", "/api/v1/devices/pair",
                            {"code": registration["pairing_code"]})
    peer = Peer(f"{server.ws_url}/ws?device_token={registration['device_token']}")
    peer.expect("hello")
    return device["id"], peer


def listening_docs(device_id, end):
    """DAYS x STRETCHES played stretches and their totals document for one receiver."""
    docs, days = [], {}
    for back in range(DAYS):
        day = (end - timedelta(days=back)).isoformat()
        days[day] = {"seconds": STRETCHES * 120.0, "segments": STRETCHES}
        at = datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC)
        docs += [{"_id": f"{device_id}:{day}:{n}", "device_id": device_id, "day": day,
                  "kind": "play", "track_id": None, "at": at + timedelta(minutes=3 * n),
                  "seconds": 120.0} for n in range(1, STRETCHES + 1)]
    return docs, {"_id": device_id, "days": days}


def seed_listening(settings, device_ids, end):
    from pymongo import MongoClient

    client = MongoClient(settings["MONGO_URI"], socketTimeoutMS=600_000, tz_aware=True)
    db = client[settings["MONGO_DB"]]
    for device_id in device_ids:
        docs, totals = listening_docs(ObjectId(device_id), end)
        db.listening.insert_many(docs, ordered=False)
        db.listening_totals.replace_one({"_id": totals["_id"]}, totals, upsert=True)
    client.close()


def p50(client, method, path, body=None):
    client.call(method, path, body)
    return statistics.median(client.call(method, path, body)[0] for _ in range(SAMPLES))


def interleaved(client, calls):
    """{name: p50 ms} of calls timed in turn, SAMPLES rounds after a warm-up."""
    timings = {name: [] for name, *_ in calls}
    for round_number in range(SAMPLES + 1):
        for name, method, path, body in calls:
            elapsed, _ = client.call(method, path, body)
            if round_number:
                timings[name].append(elapsed)
    return {name: statistics.median(values) for name, values in timings.items()}


def say(text):
    print(f"  house_rules: {text}", file=sys.stderr, flush=True)


def run():
    with bench_stack(LOG_LEVEL="WARNING") as (server, settings):
        server.start(timeout=120)  # a loaded machine starts slowly
        anonymous = Client(server)
        _, signed = anonymous.call("POST", "/api/v1/auth/register",
                                   {"username": "benchparent", "password": "a long password 1"})
        client = Client(server, signed["token"])
        ruled, ruled_peer = receiver(client, server)
        free, free_peer = receiver(client, server)
        client.call("PUT", f"/api/v1/devices/{ruled}/rules", {
            "quiet_time": [{"day": d, "start": "23:58", "end": "00:01"}
                           for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")],
            "daily_limit_minutes": 1440, "allowed": {"categories": ["Stories"]}})
        say("receivers online")
        volume = {"action": "volume", "volume": 0.5}
        commands = interleaved(client, [
            ("ruled", "POST", f"/api/v1/devices/{ruled}/commands", volume),
            ("free", "POST", f"/api/v1/devices/{free}/commands", volume)])
        reads = interleaved(client, [("rules", "GET", f"/api/v1/devices/{ruled}/rules", None),
                                     ("device", "GET", f"/api/v1/devices/{ruled}", None)])
        today = date.fromisoformat(client.call("GET", f"/api/v1/devices/{ruled}/rules")[1][
            "now"]["day"])
        say("commands timed")
        seed_listening(settings, [ruled], today)
        report = f"/api/v1/devices/{ruled}/report"
        client = Client(server, signed["token"])
        alone = p50(client, "GET", report)
        say("report alone timed")
        # Other receivers' listening: only the collections' size matters to the report.
        seed_listening(settings, [str(ObjectId()) for _ in range(CROWD_RECEIVERS)], today)
        client = Client(server, signed["token"])  # the idle keep-alive was closed meanwhile
        crowded = p50(client, "GET", report)
        ruled_peer.close()
        free_peer.close()
    return [
        row("rules_command_p50", commands["ruled"], "ms", commands["free"],
            "the same command to a receiver without rules"),
        row("rules_get_p50", reads["rules"], "ms", reads["device"], "GET device"),
        row("rules_report_14d_p50_crowded", crowded, "ms", alone,
            f"the report with the receiver's listening alone ({DAYS * STRETCHES} documents)"),
    ]
