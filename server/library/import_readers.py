"""Who reads an import's files (import_worker.read_file): a pool of processes, or this one.

Files are read in the order of their paths, so the importer decides them in that order: a
worker sends a cover's bytes with the first file that has it and only names it afterwards.
While the catalogue loads (seconds at 100,000 tracks), the readers already read the first
files: nothing they do needs the catalogue, and what is read is decided only once it has
loaded. A few slices at a time, so that a folder imported before (unchanged files, which
need no reading) is not read whole meanwhile.
"""

import contextlib
import multiprocessing
import queue
import sys

from server.library import import_worker, store

CHUNK = 32  # files a worker takes at a time: neighbours (an album) share its cover cache
AHEAD = 2  # slices being read at once while the catalogue loads: each worker has the next


class Done:
    """Files read here at once: the same face as a pool's AsyncResult."""

    def __init__(self, results):
        self.results = results

    def ready(self):
        return True

    def get(self):
        return self.results


class InProcess:
    slice = CHUNK

    def __init__(self, ahead):
        self.ahead = ahead  # 0: read nothing before the catalogue has loaded

    def read(self, paths):
        """The results of reading paths, in order, as they come."""
        return map(import_worker.read_file, paths)

    def start(self, paths, on_done):
        """Read paths; something whose get() returns their results (here: already read)."""
        done = Done([import_worker.read_file(path) for path in paths])
        on_done(None)
        return done


class Pooled:
    ahead = AHEAD

    def __init__(self, pool, workers):
        self.pool, self.slice = pool, workers * CHUNK

    def read(self, paths):
        return self.pool.imap(import_worker.read_file, paths, chunksize=CHUNK)

    def start(self, paths, on_done):
        return self.pool.map_async(import_worker.read_file, paths, chunksize=CHUNK,
                                   callback=on_done, error_callback=on_done)


@contextlib.contextmanager
def file_readers(workers, jobs):
    """Readers of files: a pool of `workers` processes, or this process for a small job."""
    if workers < 2 or jobs < 2 or gevent_patched():
        import_worker.reset()
        # Under gevent the catalogue loads in this greenlet: nothing could read meanwhile.
        yield InProcess(ahead=0 if gevent_patched() else 1)
        return
    context = multiprocessing.get_context("spawn")  # a MongoClient must not cross a fork
    workers = min(workers, jobs)
    with context.Pool(workers, import_worker.start, (str(store.root()),)) as pool:
        yield Pooled(pool, workers)


def gevent_patched():
    """Whether gevent patched threads here (a process pool's helper threads need real ones)."""
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("threading"))


def read_ahead(readers, jobs, loading):
    """Start reading jobs (path second in each) until the `loading` future is done; the
    [(job, pending results)] of each slice started, in order."""
    wakeups = queue.SimpleQueue()
    loading.add_done_callback(wakeups.put)
    started, taken = [], 0
    while readers.ahead and not loading.done() and taken < len(jobs):
        if sum(not pending.ready() for _, pending in started) >= readers.ahead:
            wakeups.get()  # a slice was read, or the catalogue has loaded
            continue
        part = jobs[taken:taken + readers.slice]
        started.append((part, readers.start([job[1] for job in part], wakeups.put)))
        taken += len(part)
    return started
