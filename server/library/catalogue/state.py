"""A process's catalogue: loaded at start, brought up to date from the journal per request.

Each library read calls `current()`. It reads library_state (one find by `_id`) and, when
the journal has moved on, reads and applies the entries this process has not seen; but
only when it must (see `notices`): when this process wrote to the journal since, when the
broker told it another process did, or when its last read is CATALOGUE_STALE_MS old. So a
write is seen at once by the process that made it, within the broker's delivery time by the
others (Redis), and within CATALOGUE_STALE_MS at worst (no broker, or a lost message). A
process that starts, falls more than MAX_BEHIND entries behind, meets a new epoch, or finds
a hole in the journal rebuilds (from a snapshot, else the collection). Until a catalogue is
ready, readers wait up to CATALOGUE_WAIT_SECONDS, then get 503 `catalogue_loading` with
Retry-After: never an answer from a stale copy.
"""

import gc
import logging
import threading
import time
from collections import deque

from flask import current_app

from server.db import get_db, operation_budget_ms
from server.errors import ApiError
from server.jsonutil import iso
from server.library.catalogue import (
    derived,
    journal,
    loader,
    notices,
    offload,
    rows,
    schema,
    snapshots,
)

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.catalogue"
MAX_BEHIND = 2000  # entries (about 2 s of reads); past this, loading a snapshot is cheaper
SNAPSHOT_CHECK_SECONDS = 60


class Catalogue:
    """One process's copy of the library, and where it stands in the journal."""

    def __init__(self):
        self.conn = None
        self.epoch, self.seq = None, 0
        self.pending_plays = {}
        self.loading = False
        self.lock = threading.Lock()
        self.syncs_started = self.syncs_done = 0
        self.heard = 0  # the highest slot of our epoch known to be written (notices)
        self.checked = None  # monotonic time of the last library_state read that we applied
        # (slot, tracks it touched) of the entries applied since the load, for the snapshot
        # policy (snapshots.is_due); older ones count only as entries.
        self.applied = deque(maxlen=snapshots.EVERY)

    @property
    def status(self):
        return "ready" if self.conn is not None and not self.loading else "loading"

    def fresh(self, stale):
        """Up to date as far as this process can tell, and checked within `stale` seconds."""
        return (self.conn is not None and not self.loading and self.heard <= self.seq
                and self.checked is not None and time.monotonic() - self.checked < stale)

    def hear(self, epoch, n):
        """Slot n of epoch is written (by this process, or another's notice)."""
        if epoch == self.epoch:
            self.heard = max(self.heard, n)
        else:
            self.checked = None  # a new epoch: read library_state on the next request

    def refresh(self, db, wait, stale=0.0, sync_wait=None):
        """Bring the copy up to date with every write finished before this call that this
        process wrote or heard of, and with every other one finished `stale` seconds ago.

        Waits up to `wait` while the catalogue loads, and up to `sync_wait` (the database's
        own budget) behind the syncs of a loaded one: on a slow database those are a few slow
        reads in a row, not a load, and a 503 `catalogue_loading` after 3 s failed phones in
        the soak whose other reads were still answering.
        """
        if self.fresh(stale):
            return self.conn
        arrival = self.syncs_started
        if sync_wait is not None and self.conn is not None and not self.loading:
            wait = max(wait, sync_wait)
        if not self.lock.acquire(timeout=wait):
            raise not_ready()
        try:
            # A sync that began after we arrived has seen everything we must see.
            if self.syncs_done > arrival:
                return self.conn
            self.syncs_started += 1
            started = self.syncs_started
            self._sync(db)
            self.syncs_done = started
            return self.conn
        finally:
            self.lock.release()

    def _sync(self, db):
        checked = time.monotonic()  # every write finished before this is in what we read
        epoch, hint = journal.read_state(db)
        rebuild = self.conn is None or epoch != self.epoch or hint - self.seq > MAX_BEHIND
        if not rebuild and hint <= self.seq:
            self.checked = checked
            return  # the one read of a request that finds nothing new
        # A copy being rebuilt is "loading" until it has caught up: no reader uses it (they
        # wait for the lock), so its entries are applied off the event loop. A server started
        # after a CLI import of 20,000 files applies them for 9 s at 100,000 tracks: health
        # must say so, and each entry (up to 500 tracks) must not hold the event loop.
        self.loading = rebuild
        try:
            if rebuild:
                self._rebuild(db, epoch, hint)
            if not self._catch_up(db, epoch, hint):
                # The journal lost slots we never saw (emptied by hand): read the collection.
                self.loading = True
                self._rebuild(db, epoch, hint, scan=True)
                self._catch_up(db, epoch, hint)
        finally:
            self.loading = False
        self.checked = checked

    def _catch_up(self, db, epoch, hint):
        """Apply the entries after ours up to `hint` (every write finished before it was
        read); False when the journal has a hole before it."""
        n = self.seq
        while n < hint and (entry := journal.entry(db, epoch, n + 1)) is not None:
            if self.loading:
                offload.run(self._apply, entry)
            else:
                self._apply(entry)  # a reader may use the connection between two entries
            n += 1
            self.applied.append((n, rows_touched(entry)))
        self.seq = n
        return n >= hint

    def _rebuild(self, db, epoch, hint, scan=False):
        started = time.monotonic()
        conn, pending, seq = loader.build(db, epoch, hint, scan=scan)
        if epoch != self.epoch:
            self.heard = 0  # slots heard of belonged to the old epoch
        self.conn, self.epoch, self.seq, self.pending_plays = conn, epoch, seq, pending
        self.applied.clear()
        log.info("catalogue loaded in %.1fs (epoch %s, entry %d)",
                 time.monotonic() - started, epoch, seq)

    def write_snapshot_if_due(self, db):
        """Store this catalogue for the next process to start from, now and then."""
        if self.conn is None or not snapshots.is_due(snapshots.head(db), self.epoch, self.seq,
                                                      self.rows_after):
            return
        if journal.read_state(db)[0] != self.epoch:
            return  # the library started a new epoch: this copy must not replace its snapshot
        if not self.lock.acquire(timeout=30):
            return  # busy loading: next time
        try:  # rows, epoch and seq of one moment
            image, epoch, seq = snapshots.capture(self.conn), self.epoch, self.seq
        finally:
            self.lock.release()
        snapshots.write(db, image, epoch, seq)

    def rows_after(self, n):
        """Tracks touched by the entries applied after slot n (only those since the load)."""
        return sum(rows for slot, rows in self.applied if slot > n)

    def _apply(self, entry):
        """One journal entry, whole or not at all: if it fails, the catalogue and its plays
        waiting for their tracks are as they were, and the next sync tries it again."""
        kind, touched, pending = entry["kind"], derived.Touched(), dict(self.pending_plays)
        with schema.transaction(self.conn):
            if kind == "upsert":
                for doc in entry["docs"]:
                    rows.upsert(self.conn, doc, pending, touched)
            elif kind == "delete":
                for track_id in entry["ids"]:
                    rows.delete(self.conn, track_id, touched)
            elif kind == "play":
                rows.play(self.conn, entry["track_id"], iso(entry["at"]), pending)
            derived.refresh(self.conn, touched)
        self.pending_plays = pending


def rows_touched(entry):
    """How many tracks a journal entry adds, changes or removes (a play: one)."""
    if entry["kind"] == "upsert":
        return len(entry["docs"])
    return len(entry.get("ids", ())) if entry["kind"] == "delete" else 1


def not_ready():
    return ApiError(503, "catalogue_loading", "The library is loading; retry in a moment",
                    headers={"Retry-After": "2"})


def of(app):
    """The app's catalogue (one per app, so one per process)."""
    return app.extensions.setdefault(EXTENSION_KEY, Catalogue())


def current(exact=False, wait=None):
    """The up-to-date catalogue connection for this request (may wait, or raise 503).

    exact: also with every other process's write finished before this call, at the price
    of one library_state read; for an answer that would otherwise be a wrong 404.
    wait: seconds to wait for a catalogue that is loading (CATALOGUE_WAIT_SECONDS).
    """
    app = current_app._get_current_object()
    stale = 0.0 if exact else app.config["CATALOGUE_STALE_MS"] / 1000
    wait = app.config["CATALOGUE_WAIT_SECONDS"] if wait is None else wait
    return of(app).refresh(get_db(), wait, stale, sync_wait=operation_budget_ms(app) / 1000)


def status(app):
    """"loading" or "ready", for /api/v1/health."""
    return of(app).status


def freeze_what_lives_forever():
    """Hide what the loaded process holds (modules, the app, its caches) from the collector.

    They live as long as the process, yet every full collection walked them: 27-45 ms with
    the event loop stopped, 5-8 times in a benchmark run, in a small library as in a large
    one. Frozen, a full collection walks only what was made since."""
    gc.collect()
    gc.freeze()


def start_loading(app):
    """Load the catalogue in the background, then keep a recent snapshot in the database
    (a greenlet in the serving process)."""
    import gevent

    notices.listen(app)

    def load_then_snapshot():
        with app.app_context():
            catalogue = of(app)
            try:
                catalogue.refresh(get_db(app), wait=3600)
            except Exception:  # the first request will try again, and answer 503 if need be
                log.exception("catalogue: loading at start failed")
            freeze_what_lives_forever()
            while True:
                try:
                    catalogue.write_snapshot_if_due(get_db(app))
                except Exception:  # the database may be down for a while: try again later
                    log.exception("catalogue: writing a snapshot failed")
                gevent.sleep(SNAPSHOT_CHECK_SECONDS)

    return gevent.spawn(load_then_snapshot)
