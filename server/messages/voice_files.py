"""Where voice clips live on disk: MEDIA_ROOT/voice, content-addressed, written atomically.

Uploads and ffmpeg's output are written under MEDIA_ROOT/tmp with names the server picks, and
`scratch()` removes them whatever happens, so a refused clip leaves no file behind.
"""

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from flask import current_app

KIND = "voice"
SUFFIX = ".mp3"


def root():
    return Path(current_app.config["MEDIA_ROOT"]).resolve()


@contextlib.contextmanager
def scratch():
    """A private temporary folder under MEDIA_ROOT/tmp, removed on exit."""
    tmp = root() / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=tmp, prefix="voice-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def save_stream(stream, path, max_bytes):
    """Copy an upload to path; returns its size, or None as soon as it passes max_bytes."""
    size = 0
    with open(path, "wb") as out:
        while chunk := stream.read(256 * 1024):
            size += len(chunk)
            if size > max_bytes:
                return None
            out.write(chunk)
    return size


def store(path):
    """Move a finished file to its content-addressed name; returns (relative path, size)."""
    digest = file_hash(path)
    rel = f"{KIND}/{digest[:2]}/{digest}{SUFFIX}"
    target = root() / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    size = path.stat().st_size
    if not target.exists():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(path, target)
    return rel, size


def absolute(rel):
    """The absolute path of a stored clip (send_file needs one)."""
    base = root()
    path = (base / rel).resolve()
    if base not in path.parents:
        raise ValueError("path escapes MEDIA_ROOT")
    return path


def file_hash(path):
    hasher = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1024 * 1024):
            hasher.update(chunk)
    return hasher.hexdigest()
