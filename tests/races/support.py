"""Bursts against a live server: real sockets from chosen loopback addresses, all at once."""

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor

from bson import ObjectId

from devtools.liveserver import LiveServer
from server.jsonutil import utcnow


def started_server(app_config, log_dir, **settings):
    """A `python -m server` process on the test database with these settings."""
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", **{key: str(value) for key, value in settings.items()})
    return LiveServer(env, log_path=log_dir / "server.log")


def call(server, method, path, body=None, token=None, source="127.0.0.1"):
    """(status, headers, JSON body or None) of one request sent from the `source` address."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60,
                                            source_address=(source, 0))
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = connection.getresponse()
        raw = response.read()
        return response.status, dict(response.getheaders()), json.loads(raw) if raw else None
    finally:
        connection.close()


def burst(count, action):
    """action(i) for i in range(count), released together from count threads; their results."""
    barrier = threading.Barrier(count)

    def run(number):
        barrier.wait()
        return action(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def statuses(results):
    """{status: how many} of call() results."""
    counted = {}
    for status, *_ in results:
        counted[status] = counted.get(status, 0) + 1
    return counted


def insert_users(db, count, prefix):
    """count users inserted directly (no password hashing: they sign in by token only)."""
    now = utcnow()
    docs = [{"_id": ObjectId(), "username": f"{prefix}{n}", "username_key": f"{prefix}{n}",
             "password_hash": "unused", "nickname": f"{prefix}{n}", "is_admin": False,
             "created_at": now, "updated_at": now} for n in range(count)]
    db.users.insert_many(docs)
    return docs
