"""Reading a scan's new and changed files: tags, content hash and cover, in a process pool.

Tag parsing, hashing and cover resizing are CPU work, so a scan with many files to read
(a first scan) spreads them over one worker process per core, as the importer does; a scan
with few (the watcher's, after a file was copied in) reads them here, since starting a pool
costs more than it saves. Workers only read: they never touch the database nor the media
store, and they send a cover's bytes the first time only (an album's tracks share one);
the scanner's process stores each cover once and writes the records.
"""

import contextlib
import multiprocessing
import os
from dataclasses import dataclass

from server.library import import_worker, scan_files, store
from server.library.import_readers import gevent_patched

POOL_MIN_FILES = 64  # below this, a pool's start-up (seconds: each worker imports the app) loses
CHUNK = 16  # files a worker takes at a time: neighbours (an album) share its cover cache


@dataclass
class Unreadable:
    """The file could not be opened or read (its OSError, as text)."""

    reason: str


def read(job):
    """scan_files.read_file for (path, size), its cover made here: Read, Skipped or Unreadable."""
    path, size = job
    try:
        result = scan_files.read_file(path, size)
    except OSError as exc:
        return Unreadable(f"cannot read: {exc.strerror or exc}")
    if isinstance(result, scan_files.Read):
        result.cover, result.info.cover = import_worker.cover_of(result.info.cover), None
    return result


@contextlib.contextmanager
def readers(count, workers=None):
    """A function reading (path, size) jobs in order: in a pool for many files, else here."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or count < POOL_MIN_FILES or gevent_patched():
        import_worker.reset()
        yield lambda jobs: map(read, jobs)
        return
    context = multiprocessing.get_context("spawn")  # a MongoClient must not cross a fork
    with context.Pool(min(workers, count), import_worker.start, (str(store.root()),)) as pool:
        yield lambda jobs: pool.imap(read, jobs, chunksize=CHUNK)


class CoverStore:
    """Stores the covers workers made, each once; the fields a track needs to point at one."""

    NONE = {"cover_hash": None, "cover_full": None, "cover_thumb": None}

    def __init__(self):
        self.stored = set()

    def fields(self, cover):
        if cover is None:
            return dict(self.NONE)
        if cover.full is not None and cover.cover_full not in self.stored:
            store.store_bytes("covers", cover.full, ".jpg")
            store.store_bytes("covers", cover.thumb, ".thumb.jpg")
            self.stored.add(cover.cover_full)
        return cover.fields()
