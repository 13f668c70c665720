"""Watching the music folders: a scan at start, then one after each burst of changes.

Runs as `python -m server.library.scan_watch`, a child of each serving process, without
gevent: watchdog's inotify thread blocks in read(), which an event loop cannot share. Where
inotify is unavailable (or MUSIC_WATCH=poll) it scans every MUSIC_RESCAN_SECONDS instead;
MUSIC_WATCH=off scans once at start. Scans take the scan lock, so of several watchers one
scans at a time; a watcher that finds it taken tries again, so no change goes unscanned.
"""

import contextlib
import logging
import threading
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from server.library import folders, scan_lock, scanner

log = logging.getLogger(__name__)
QUIET_SECONDS = 1.0  # a burst of events (a file being copied) settles before the scan
SETTLE_AT_MOST_SECONDS = 10.0  # ...but a folder written to without pause is still scanned
RETRY_SECONDS = 2.0  # after another process's scan, or a failed one
WRITES = {"created", "deleted", "modified", "moved", "closed"}  # not reads (ours included)


class Changes(FileSystemEventHandler):
    """Sets `pending` on any write in the folders."""

    def __init__(self):
        self.pending = threading.Event()

    def on_any_event(self, event):
        if event.event_type in WRITES:
            self.pending.set()


def start_observer(music_folders, changes, mode):
    """A running inotify observer of every folder, or None (polling instead)."""
    if mode != "auto":
        return None
    observer = Observer()
    try:
        for folder in music_folders:
            observer.schedule(changes, str(folder), recursive=True)
        observer.start()
    except OSError as exc:  # no inotify here, or its watch limit reached
        log.warning("watching the music folders is unavailable (%s): scanning periodically", exc)
        return None
    return observer


def settle(pending):
    """Wait until no change has come for QUIET_SECONDS (or SETTLE_AT_MOST_SECONDS passed)."""
    deadline = time.monotonic() + SETTLE_AT_MOST_SECONDS
    while time.monotonic() < deadline:
        pending.clear()
        if not pending.wait(QUIET_SECONDS):
            return


def scan_once(music_folders):
    """One scan; False when it must be tried again (another process scanning, or an error)."""
    try:
        status = scanner.scan(music_folders)
    except scan_lock.ScanBusy:
        return False
    except Exception:
        log.exception("music folder scan failed; retrying")
        return False
    log.info("music folders scanned: %s", status["counts"])
    return True


def watch(app):
    """Scan at start, then after changes (or periodically) until the process is stopped."""
    music_folders, mode = folders.configured(), app.config["MUSIC_WATCH"]
    changes = Changes()
    observer = start_observer(music_folders, changes, mode)
    interval = None if observer else app.config["MUSIC_RESCAN_SECONDS"]
    changes.pending.set()  # the scan at start
    while True:
        if changes.pending.wait(interval):
            settle(changes.pending)
        if not scan_once(music_folders):
            if mode == "off":
                return
            time.sleep(RETRY_SECONDS)
            changes.pending.set()
        elif mode == "off":
            return


def main():
    from server import create_app

    app = create_app()
    with app.app_context(), contextlib.suppress(KeyboardInterrupt):  # Ctrl-C on `make run`
        watch(app)


if __name__ == "__main__":
    main()
