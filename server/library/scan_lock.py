"""The library scan's database lock: one scanning process at a time, renewed while it runs."""

import secrets
from contextlib import contextmanager

from server import locks
from server.jsonutil import utcnow

LOCK_NAME = "library-scan"


class ScanBusy(RuntimeError):
    """Another process is scanning the music folders."""


@contextmanager
def held():
    """Hold the scan lock for the block; yields renew(), to call more often than LOCK_TTL."""
    owner = secrets.token_hex(8)
    if not locks.try_acquire(LOCK_NAME, owner):
        raise ScanBusy("another process is scanning the music folders")

    def renew():
        locks.collection().update_one({"_id": LOCK_NAME, "owner": owner},
                                      {"$set": {"expires_at": utcnow() + locks.LOCK_TTL}})

    try:
        yield renew
    finally:
        locks.collection().delete_one({"_id": LOCK_NAME, "owner": owner})
