"""Presence writes of one process: in arrival order, one at a time, and its own heartbeat.

Every receiver that connects writes its presence. On FerretDB (SQLite) concurrent writers
contend for one database lock and wait in SQLite's busy handler (up to 10 s), so a burst of
connects made every write slower than running them one after another (measured with the former
per-device updates: 75 connects/s one at a time, 41/s eight at once with multi-second tails,
time-outs at 32 at once). One writer
greenlet per process therefore runs presence writes in arrival order, so a socket's close
never overtakes its open; the opens waiting in a row at the head of its queue are written as
one insert_many; it retries transient failures (every write here is idempotent) and refreshes
the process's liveness once per heartbeat interval (and before an open when the last beat is older
than half an interval).
"""

import functools
import logging
import time

import gevent
from bson import ObjectId
from gevent.event import AsyncResult
from gevent.queue import Empty, Queue

from server.db import retry_transient
from server.devices import connections, devices

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.presence"
OPEN, CALL = "open", "call"  # kinds of queued job
MAX_OPENS_PER_WRITE = 50  # one short insert: other writers wait behind it


class PresenceWriter:
    def __init__(self, app):
        self.app = app
        self.process_id = str(ObjectId())
        self.interval = app.config["WS_HEARTBEAT_SECONDS"]
        self.jobs = Queue()
        self.beaten_at = None  # monotonic time of the last liveness write
        self.greenlet = None
        self.unseen = set()  # devices gone offline whose last_seen_at is not yet written
        self.held = {}  # device id -> socket id: what this process holds in device_connections
        self.stamper = None

    def open(self, device_id, conn_id):
        """Record the socket as holding its device, with the opens queued alongside it."""
        result = AsyncResult()
        self.ensure_running()
        self.jobs.put((OPEN, (device_id, conn_id), result))
        return result.get()

    def call(self, operation):
        """Run operation() in its turn and return its result (or raise its error)."""
        result = AsyncResult()
        self.ensure_running()
        self.jobs.put((CALL, operation, result))
        return result.get()

    def close(self, device_id, conn_id, announce_offline):
        """Queue the socket's removal (after its open); announce_offline() if that was the last."""
        def write():
            if self.held.get(device_id) == conn_id:
                del self.held[device_id]
            if connections.closed(device_id, conn_id):
                self.seen(device_id)
                announce_offline()

        self.submit(write)

    def submit(self, operation):
        """Run operation() in its turn; its failure is logged, nobody waits for it."""
        self.ensure_running()
        self.jobs.put((CALL, operation, None))

    def seen(self, device_id):
        """Stamp last_seen_at soon, behind its own greenlet: presence never waits for it.

        (An update of the devices collection is the slow kind on FerretDB; a mass disconnect
        must not delay the next presence writes.)
        """
        self.unseen.add(device_id)
        if self.stamper is None or self.stamper.dead:
            self.stamper = gevent.spawn(self.stamp)

    def stamp(self):
        while self.unseen:
            batch, self.unseen = self.unseen, set()
            with self.app.app_context():
                try:
                    retry_transient(functools.partial(devices.seen, batch))
                except Exception:
                    log.exception("last_seen_at could not be written")

    def ensure_running(self):
        if self.greenlet is None or self.greenlet.dead:
            self.greenlet = gevent.spawn(self.run)

    def run(self):
        while True:
            try:
                job = self.jobs.get(timeout=self.interval / 2)
            except Empty:
                job = None
            with self.app.app_context():
                self.beat_if_due()
                if job is None:
                    continue
                kind, payload, result = job
                if kind == OPEN:
                    self.run_opens([(payload, result), *self.following_opens()])
                else:
                    self.run_one(payload, result)

    def following_opens(self):
        """Take the opens queued in a row at the head of the queue (arrival order kept)."""
        opens = []
        while len(opens) < MAX_OPENS_PER_WRITE and not self.jobs.empty() \
                and self.jobs.peek()[0] == OPEN:
            _, payload, result = self.jobs.get()
            opens.append((payload, result))
        return opens

    def run_opens(self, opens):
        sockets = [payload for payload, _ in opens]
        try:
            # A socket must never belong to a process that others cannot see: a process is
            # swept after 3 silent intervals, so a beat within half of one still stands (a
            # stream of connects, a giant-frame attack's, then costs one insert each).
            if not self.beaten_recently():
                self.beat()
            retry_transient(lambda: connections.opened(sockets, self.process_id))
        except Exception as error:
            for _, result in opens:
                result.set_exception(error)
            return
        self.held.update(sockets)
        for _, result in opens:
            result.set(None)

    def beat(self):
        """This process is alive; its sockets are written again if it was swept as dead."""
        if retry_transient(lambda: connections.beat(self.process_id)) and self.held:
            held = list(self.held.items())
            retry_transient(lambda: connections.opened(held, self.process_id))
        self.beaten_at = time.monotonic()

    def beaten_recently(self):
        """A beat within half an interval that is still there (a read by _id is cheaper than
        the beat's update; the document goes when a sweeper took this process for dead, or
        the database was emptied, as tests do between tests)."""
        return (self.beaten_at is not None
                and time.monotonic() - self.beaten_at < self.interval / 2
                and retry_transient(lambda: connections.is_process_listed(self.process_id)))

    def beat_if_due(self):
        """Every interval, whatever else happens."""
        if self.beaten_at is not None and time.monotonic() - self.beaten_at < self.interval:
            return
        try:
            self.beat()
        except Exception:
            log.exception("the process heartbeat could not be written")

    def run_one(self, operation, result):
        try:
            value = retry_transient(operation)
        except Exception as error:
            if result is None:
                log.exception("a presence write failed")
            else:
                result.set_exception(error)
            return
        if result is not None:
            result.set(value)


def get_writer(app):
    """The process's presence writer (created on first use)."""
    writer = app.extensions.get(EXTENSION_KEY)
    if writer is None:
        writer = app.extensions[EXTENSION_KEY] = PresenceWriter(app)
    return writer
