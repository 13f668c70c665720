"""Per-user hot paths cost the same however much other users keep: one user, two worlds.

The measured user (1,000 favorites, 2,000 history rows, 20 playlists of 200 tracks, a
receiver with 250 messages) is seeded first and timed; then 49 more users (each with 200
favorites, 400 history rows and 20 playlists, to keep seeding within the time limit), 199
more receivers, 50,000 messages and 10,000 live tokens are added to the same database
(bench/world_people.py) and the same requests are timed again, by the same server process.
Each row is the crowded p50 against the alone p50: the goal is a ratio near 1.
"""

import http.client
import json
import statistics
import time

from bench.rows import row
from bench.stack import app_for, bench_stack
from bench.world_people import seed_people

TRACKS = 2_000
ALONE = {"users": 1, "receivers": 1, "messages": 250, "tokens": 1}
CROWD = {"users": 49, "receivers": 199, "messages": 49_750, "tokens": 9_999}
PLAYLISTS = {"playlists_per_user": 20, "playlist_size": 200}
EACH = {"favorites_per_user": 1_000, "history_per_user": 2_000}
CROWD_EACH = {"favorites_per_user": 200, "history_per_user": 400}
SAMPLES = 7


def seed_tracks(db, count):
    from tests.accounts_helpers import insert_track_record

    return [insert_track_record(db) for _ in range(count)]


def seed(settings, track_ids, sizes, each):
    from pymongo import MongoClient

    from server import db

    app = app_for(settings)
    # Seeding writes far more at once than a request: a client with patient timeouts.
    client = MongoClient(settings["MONGO_URI"], socketTimeoutMS=600_000, tz_aware=True)
    target = client[settings["MONGO_DB"]]
    with app.app_context():
        db.ensure_indexes(app)
        if track_ids is None:
            track_ids = seed_tracks(target, TRACKS)
        people = seed_people(app, target, track_ids, **PLAYLISTS, **each, **sizes)
    db.get_client(app).close()
    client.close()
    return track_ids, people


class Client:
    def __init__(self, server, token):
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self.token = token

    def call(self, method, path, body=None):
        """Milliseconds the request took; fails on an error status."""
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.connection.request(method, path, json.dumps(body) if body is not None else None,
                                headers)
        response = self.connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status}")
        return elapsed


def requests(people, track_ids):
    """(name, method, path, body) of each hot path of the measured user."""
    device, playlist = people["device_ids"][0], people["playlist_ids"][0]
    track = str(track_ids[-1])
    return [
        ("me", "GET", "/api/v1/me", None),
        ("favorites", "GET", "/api/v1/me/favorites", None),
        ("history", "GET", "/api/v1/me/history", None),
        ("playlists", "GET", "/api/v1/playlists", None),
        ("playlist", "GET", f"/api/v1/playlists/{playlist}", None),
        ("devices", "GET", "/api/v1/devices", None),
        ("unread", "GET", "/api/v1/me/unread", None),
        ("messages", "GET", f"/api/v1/conversations/{device}/messages", None),
        ("favorite_on", "PUT", f"/api/v1/me/favorites/{track}", None),
        ("favorite_off", "DELETE", f"/api/v1/me/favorites/{track}", None),
        ("play_report", "POST", "/api/v1/me/history",
         {"track_id": track, "position": 12, "completed": False}),
        ("message", "POST", f"/api/v1/conversations/{device}/messages", {"text": "hello"}),
    ]


def measure(client, calls):
    """{name: p50 ms} over SAMPLES rounds of every call (after one warm-up round)."""
    timings = {name: [] for name, *_ in calls}
    for round_number in range(SAMPLES + 1):
        for name, method, path, body in calls:
            elapsed = client.call(method, path, body)
            if round_number:
                timings[name].append(elapsed)
    return {name: statistics.median(values) for name, values in timings.items()}


def run():
    """Seed the user alone, time; add the crowd, time again; rows crowded vs alone."""
    with bench_stack(MESSAGE_RATE_LIMIT="1000000", LOG_LEVEL="WARNING") as (server, settings):
        track_ids, people = seed(settings, None, ALONE, EACH)
        server.start()
        client = Client(server, people["tokens"][0])
        calls = requests(people, track_ids)
        alone = measure(client, calls)
        seed(settings, track_ids, CROWD, CROWD_EACH)
        crowded = measure(client, calls)
    return [row(f"people_{name}_p50_crowded", crowded[name], "ms", alone[name],
                "p50 with the user alone") for name in alone]
