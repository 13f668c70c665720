"""Receivers' state reports, written to their device documents seldom and at a bounded rate.

A receiver reports its state on every event and every few seconds; its household's sessions hear
each report at once through the hub, but the database needs only a recent one (for a device
list or a session's hello). On FerretDB an update costs in proportion to the collection, and
one write per report let 20 sockets at 19 reports/s take the API down and grow the WAL by
gigabytes. So each process keeps the latest state per device, and one greenlet writes a
device's state at most every STATE_WRITE_SECONDS, and at most WRITES_PER_SECOND in all:
the database's load is bounded whatever the receivers send. A report that changes what the
device is doing (its status or its track: someone pressed something) goes first, without
waiting for the device's interval, so a device list or a reloaded receiver never shows a
paused device as playing; only the progress reports in between wait their turn. Until its
state is written, a device this process shows takes it from here (devices.present_device): a
phone that reopened in that second saw the track before the one playing, counted on from its
start.
"""

import logging
import time

import gevent

from server.devices import devices

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.state_writer"
WRITES_PER_SECOND = 10


class StateWriter:
    def __init__(self, app):
        self.app = app
        self.every = app.config["STATE_WRITE_SECONDS"]
        self.pending = {}  # device id -> its latest state not yet written
        self.written_at = {}  # device id -> monotonic time of its last write
        self.written_what = {}  # device id -> (status, track id) of its last write
        self.urgent = set()  # devices whose pending state changes what they are doing
        self.greenlet = None

    def put(self, device_id, state):
        """Remember the device's latest state; it is written when its turn comes."""
        self.pending[device_id] = state
        if what_it_does(state) != self.written_what.get(device_id):
            self.urgent.add(device_id)
        if self.greenlet is None or self.greenlet.dead:
            self.greenlet = gevent.spawn(self.run)

    def run(self):
        while self.pending:
            self.write_due()
            gevent.sleep(1)

    def due(self):
        """Up to WRITES_PER_SECOND devices: changed ones first, then those whose last write is
        old enough, oldest first."""
        now = time.monotonic()
        ready = [(device_id not in self.urgent, self.written_at.get(device_id, 0), device_id)
                 for device_id in self.pending
                 if device_id in self.urgent
                 or now - self.written_at.get(device_id, -self.every) >= self.every]
        return [device_id for _, _, device_id in sorted(ready)[:WRITES_PER_SECOND]]

    def write_due(self):
        with self.app.app_context():
            for device_id in self.due():
                # Still pending while it is written: the device's page shows it meanwhile.
                state = self.pending[device_id]
                self.urgent.discard(device_id)
                self.written_at[device_id] = time.monotonic()
                self.written_what[device_id] = what_it_does(state)
                try:
                    devices.save_state(device_id, state)
                except Exception:
                    log.warning("state of device %s not written; retrying", device_id)
                    self.written_what.pop(device_id, None)  # still to be written: urgent
                    self.urgent.add(device_id)
                    continue
                if self.pending.get(device_id) is state:  # else a newer one came: its turn
                    del self.pending[device_id]
        self.forget_old()

    def forget_old(self):
        """Drop write times that no longer hold anything back (devices gone quiet)."""
        if len(self.written_at) > 2 * len(self.pending) + 1000:
            cutoff = time.monotonic() - self.every
            self.written_at = {key: at for key, at in self.written_at.items() if at > cutoff}
            self.written_what = {key: self.written_what[key] for key in self.written_at
                                 if key in self.written_what}


def what_it_does(state):
    """The part of a state that a person changes: playing or not, and which track."""
    return state.get("status"), state.get("track_id")


def get_writer(app):
    """The process's state writer (created on first use)."""
    writer = app.extensions.get(EXTENSION_KEY)
    if writer is None:
        writer = app.extensions[EXTENSION_KEY] = StateWriter(app)
        app.extensions[devices.UNWRITTEN_STATES_KEY] = writer.pending
    return writer
