"""CPU-heavy work (password hashing, image decoding, QR rendering) off the event loop.

Under gevent one greenlet computing blocks every other request: a sign-in's scrypt held
/health near a second. run(fn, ...) computes in a small pool of real threads (scrypt and
Pillow's decoders release the GIL) and waits for it cooperatively; the pool is bounded
(POOL_SIZE threads per process), so a flood queues instead of starving the loop. Outside a
gevent-patched process (the CLI, in-process tests) it simply calls fn.
"""

import functools
import os

from gevent import monkey
from gevent.threadpool import ThreadPool

POOL_SIZE = max(2, os.cpu_count() or 2)


@functools.cache
def pool():
    """The process's pool (created on first use, never at import)."""
    return ThreadPool(POOL_SIZE)


def run(fn, *args, **kwargs):
    """fn(*args, **kwargs) computed in the pool; its result, or its exception raised here."""
    if not monkey.is_module_patched("socket"):
        return fn(*args, **kwargs)
    return pool().apply(fn, args, kwargs)
