"""Files for the media store written in batches: copied unsynced, then synced together.

One fsync per file costs ~13 ms on a busy disk, more than all the other work of an imported
file. So a batch is written to temporary files under MEDIA_ROOT/tmp, synced at once from a
few threads (the disk merges them), and only then renamed to its content-addressed names:
a crash still never leaves half a file under a final name.
"""

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from server.library import store

SYNC_THREADS = 8


def temp_file(suffix=""):
    """(open binary file, path) of a new temporary file in the store's staging folder."""
    folder = store.root() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix="incoming-", suffix=suffix)
    return os.fdopen(handle, "wb"), Path(name)


def copy_hashed(source):
    """Copy a file into staging, unsynced, hashing as it goes: (temp path, SHA-256, size)."""
    hasher, size = hashlib.sha256(), 0
    out, path = temp_file(Path(source).suffix)  # mutagen weighs the suffix among formats
    try:
        with out, open(source, "rb") as handle:
            while chunk := handle.read(store.CHUNK):
                hasher.update(chunk)
                out.write(chunk)
                size += len(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, hasher.hexdigest(), size


def write_temp(data):
    """Bytes written to a new staging file, unsynced; its path."""
    out, path = temp_file()
    with out:
        out.write(data)
    return path


def fsync_path(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(moves):
    """Sync every (temp path, relative name) pair's file, then rename each into place."""
    with ThreadPoolExecutor(SYNC_THREADS) as pool:
        list(pool.map(fsync_path, [temp for temp, _ in moves]))
    base, folders = store.root(), set()
    for temp, rel in moves:
        target = base / rel  # rel comes from store.relative_path: hex names only
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if target.exists():
            temp.unlink(missing_ok=True)  # same content already stored
        else:
            os.replace(store.shareable(temp), target)
