"""Presence writes of one process: in arrival order, one at a time, heartbeats coalesced.

Every receiver that connects writes its presence. On FerretDB (SQLite) concurrent writers
contend for one database lock and wait in SQLite's busy handler (up to 10 s), so a burst of
connects made every write slower than running them one after another (measured: 75 connects/s
one at a time, 41/s eight at once with multi-second tails, time-outs at 32). One writer
greenlet per process therefore runs presence writes in arrival order, so an offline write
never overtakes the online write of the same connection; it retries transient failures
(the writes are idempotent $sets) and folds every heartbeat waiting for it into one
update_many.
"""

import logging

import gevent
from gevent.event import AsyncResult
from gevent.queue import Queue

from server.db import retry_transient
from server.devices import devices

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.presence"
FLUSH_TOUCHES = object()  # queue marker: write the heartbeats collected so far


class PresenceWriter:
    def __init__(self, app):
        self.app = app
        self.jobs = Queue()
        self.touches = {}  # device id -> connection id, waiting to be written together
        self.greenlet = None

    def ensure_running(self):
        if self.greenlet is None or self.greenlet.dead:
            self.greenlet = gevent.spawn(self.run)

    def call(self, operation):
        """Run operation() in its turn and return its result (or raise its error)."""
        result = AsyncResult()
        self.ensure_running()
        self.jobs.put((operation, result))
        return result.get()

    def submit(self, operation):
        """Run operation() in its turn; its failure is logged, nobody waits for it."""
        self.ensure_running()
        self.jobs.put((operation, None))

    def touch(self, device_id, conn_id):
        """Refresh the device's last_seen_at with the next batch of heartbeats."""
        if not self.touches:
            self.ensure_running()
            self.jobs.put((FLUSH_TOUCHES, None))
        self.touches[device_id] = conn_id

    def forget_touch(self, device_id, conn_id):
        """A closing connection's pending heartbeat must not mark its device online again."""
        if self.touches.get(device_id) == conn_id:
            del self.touches[device_id]

    def run(self):
        while True:
            operation, result = self.jobs.get()
            with self.app.app_context():
                self.run_one(operation, result)

    def run_one(self, operation, result):
        try:
            if operation is FLUSH_TOUCHES:
                touches, self.touches = self.touches, {}
                value = retry_transient(lambda: devices.touch_many(touches)) if touches else None
            else:
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
