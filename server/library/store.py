"""The media store: files on disk under MEDIA_ROOT, named by the SHA-256 of their content.

Every file is written to a temporary file in the same file system, flushed and renamed into
place, so a crash never leaves half a file under a final name. Names come only from content
hashes; nothing the client sends ever becomes part of a path.
"""

import hashlib
import os
import tempfile
import time
from pathlib import Path

from flask import current_app

CHUNK = 1024 * 1024
STALE_SECONDS = 3600
FILE_MODE = 0o644  # temporary files start private (0600); stored media are not secret
KINDS = ("audio", "covers", "voice")  # voice: message clips (server/messages)


def root():
    """The configured MEDIA_ROOT as an absolute path."""
    return Path(current_app.config["MEDIA_ROOT"]).resolve()


def shareable(path):
    """Make a stored file readable by other users: the front server's workers (another user,
    often another container) send media files themselves (MEDIA_ACCEL_REDIRECT)."""
    os.chmod(path, FILE_MODE)
    return path


def relative_path(kind, digest, suffix):
    """Where content with this hash lives, relative to MEDIA_ROOT."""
    if kind not in KINDS or len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise ValueError("bad media name")
    return f"{kind}/{digest[:2]}/{digest}{suffix}"


def absolute(rel):
    """The absolute path of a stored file (send_file needs one: relative paths resolve oddly)."""
    base = root()
    path = (base / rel).resolve()
    if base not in path.parents:
        raise ValueError("path escapes MEDIA_ROOT")
    return path


class Staged:
    """A file being received: written under MEDIA_ROOT/tmp, hashed as it is written.

    Use as a context manager; unless committed, the temporary file is deleted on exit.
    """

    def __init__(self):
        tmp_dir = root() / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=tmp_dir, prefix="incoming-")
        self.path = Path(name)
        self.file = os.fdopen(handle, "wb")
        self.hasher = hashlib.sha256()
        self.size = 0
        self.digest = None

    def write_from(self, stream):
        """Copy a binary stream into the staged file, hashing as it goes."""
        while chunk := stream.read(CHUNK):
            self.hasher.update(chunk)
            self.file.write(chunk)
            self.size += len(chunk)
        return self

    def finish(self):
        """Flush to disk and fix the hash; the file can be read from self.path afterwards."""
        if self.digest is None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            self.digest = self.hasher.hexdigest()
        return self

    def commit(self, kind, suffix):
        """Move the staged file to its content-addressed name; returns that relative path."""
        self.finish()
        rel = relative_path(kind, self.digest, suffix)
        target = absolute(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            self.path.unlink(missing_ok=True)  # same content already stored
        else:
            os.replace(shareable(self.path), target)
        return rel

    def discard(self):
        if not self.file.closed:
            self.file.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.discard()


def stage_stream(stream):
    """A Staged copy of a binary stream (an upload)."""
    staged = Staged()
    try:
        return staged.write_from(stream).finish()
    except BaseException:
        staged.discard()
        raise


def stage_file(path):
    """A Staged copy of a file on disk (an imported file)."""
    with open(path, "rb") as source:
        return stage_stream(source)


def store_bytes(kind, data, suffix):
    """Store bytes (a cover image) under their hash; returns (digest, relative path)."""
    digest = hashlib.sha256(data).hexdigest()
    rel = relative_path(kind, digest, suffix)
    target = absolute(rel)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(shareable(handle.name), target)
    return digest, rel


def remove(rel):
    """Delete a stored file if present."""
    absolute(rel).unlink(missing_ok=True)


def file_hash(path):
    """The SHA-256 of a file on disk."""
    hasher = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()



def sweep_staging(older_than=STALE_SECONDS):
    """Delete staged files left by a crash (older than an hour); how many went."""
    cutoff = time.time() - older_than
    removed = 0
    for path in (root() / "tmp").glob("incoming-*"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
