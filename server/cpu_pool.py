"""CPU-heavy work (password hashing, image decoding, QR rendering) off the event loop.

Under gevent one greenlet computing blocks every other request: a sign-in's scrypt held
/health near a second. run(fn, ...) computes in a small pool of real threads (scrypt and
Pillow's decoders release the GIL) and waits for it cooperatively. Off the loop is not enough
on a small machine: two scrypt threads on two cores still took the CPU from the loop's
thread and the database, and a sign-in flood put /health's p99 at 11x idle. So the pool
leaves a core free (POOL_SIZE), its threads run at a lower scheduling priority than the loop
(THREAD_NICENESS, Linux), and at most WAITING_MAX calls wait for it: more answer 503 `busy`
at once instead of queueing without end. Outside a gevent-patched process (the CLI,
in-process tests) it simply calls fn.
"""

import functools
import os
import threading

from gevent import monkey
from gevent.threadpool import ThreadPool

from server.errors import ApiError

POOL_SIZE = max(1, (os.cpu_count() or 2) - 1)
THREAD_NICENESS = 10  # relative to the process: the loop and the database go first
WAITING_MAX = 32  # calls queued or running per process before refusing
RETRY_AFTER_SECONDS = 1

in_flight = 0  # calls of run() in this process not finished yet (touched by the loop only)
niced = threading.local()


@functools.cache
def pool():
    """The process's pool (created on first use, never at import)."""
    return ThreadPool(POOL_SIZE)


def lower_priority():
    """Give the calling pool thread a lower priority, once (Linux: niceness per thread)."""
    if getattr(niced, "done", False):
        return
    niced.done = True
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread,
                       os.getpriority(os.PRIO_PROCESS, thread) + THREAD_NICENESS)
    except (AttributeError, OSError):
        pass  # not Linux, or not allowed: the pool still keeps the work off the loop


def in_pool_thread(fn, args, kwargs):
    lower_priority()
    return fn(*args, **kwargs)


def ensure_room():
    """ApiError 503 `busy` (with Retry-After) when WAITING_MAX calls already wait."""
    if in_flight >= WAITING_MAX:
        raise ApiError(503, "busy", "The server is busy; try again shortly",
                       headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def run(fn, *args, **kwargs):
    """fn(*args, **kwargs) computed in the pool; its result, or its exception raised here.

    ApiError 503 `busy` (with Retry-After) when WAITING_MAX calls already wait.
    """
    global in_flight
    if not monkey.is_module_patched("socket"):
        return fn(*args, **kwargs)
    ensure_room()
    in_flight += 1
    try:
        return pool().apply(in_pool_thread, (fn, args, kwargs))
    finally:
        in_flight -= 1
