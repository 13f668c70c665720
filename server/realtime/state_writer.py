"""Receivers' state reports, written to their device documents at most once per interval.

A receiver reports its state on every event and every few seconds; its owner's sessions hear
each report at once through the hub, but the database needs only the latest. On FerretDB an
update costs in proportion to the collection, and one write per report let 20 sockets at
19 reports/s take the API down and grow the WAL by gigabytes. So each process keeps the
latest state per device and one greenlet writes what changed every WRITE_INTERVAL_SECONDS:
the writes are bounded by the number of paired devices, whatever they send.
"""

import logging

import gevent

from server.devices import devices

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.state_writer"
WRITE_INTERVAL_SECONDS = 2


class StateWriter:
    def __init__(self, app, interval=WRITE_INTERVAL_SECONDS):
        self.app = app
        self.interval = interval
        self.pending = {}  # device id -> its latest state not yet written
        self.greenlet = None

    def put(self, device_id, state):
        """Remember the device's latest state; it is written within an interval."""
        self.pending[device_id] = state
        if self.greenlet is None or self.greenlet.dead:
            self.greenlet = gevent.spawn(self.run)

    def run(self):
        while self.pending:
            gevent.sleep(self.interval)
            self.flush()

    def flush(self):
        """Write every pending state (a failed one waits for the next round, unless newer)."""
        batch, self.pending = self.pending, {}
        with self.app.app_context():
            for device_id, state in batch.items():
                try:
                    devices.save_state(device_id, state)
                except Exception:
                    log.warning("state of device %s not written; retrying", device_id)
                    self.pending.setdefault(device_id, state)


def get_writer(app):
    """The process's state writer (created on first use)."""
    writer = app.extensions.get(EXTENSION_KEY)
    if writer is None:
        writer = app.extensions[EXTENSION_KEY] = StateWriter(app)
    return writer
