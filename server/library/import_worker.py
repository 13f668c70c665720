"""The work for one imported file, run in the import's worker processes: copy, hash, tags, cover.

Nothing here touches the database: workers only read files and write staging files, and the
importer's own process decides and writes the records. Each worker remembers the covers it
has made (an album's tracks share one) and sends a cover's bytes only the first time.
"""

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask

from server.library import batch_files, covers, store
from server.library.tags import AudioInfo, NotAudio, read_audio

log = logging.getLogger(__name__)
COVER_CACHE_SIZE = 64
_covers = OrderedDict()  # SHA-256 of the embedded picture -> Cover (without its bytes)
_sent = set()  # covers whose bytes this process has already returned


@dataclass
class Cover:
    cover_hash: str
    cover_full: str
    cover_thumb: str
    full: bytes | None = None  # the JPEG bytes, only the first time this worker returns it
    thumb: bytes | None = None

    def fields(self):
        return {"cover_hash": self.cover_hash, "cover_full": self.cover_full,
                "cover_thumb": self.cover_thumb}


@dataclass
class ReadFile:
    staged: object  # Path of the unsynced copy in MEDIA_ROOT/tmp
    digest: str
    size: int
    info: AudioInfo  # its cover bytes dropped: see cover
    cover: Cover | None


@dataclass
class Failed:
    reason: str


def start(media_root):
    """Initialise a worker process: the media store needs only MEDIA_ROOT from the app."""
    app = Flask("tapcast-import-worker")
    app.config["MEDIA_ROOT"] = media_root
    app.app_context().push()
    reset()


def reset():
    """Forget every cover: each import starts afresh (the in-process mode runs many)."""
    _covers.clear()
    _sent.clear()


def read_file(path):
    """A ReadFile, or Failed with the reason; never raises for a bad file."""
    try:
        staged, digest, size = batch_files.copy_hashed(path)
    except OSError as exc:  # unreadable, vanished mid-import, disk full...
        return Failed(f"cannot read or store: {exc.strerror or exc}")
    try:
        info = read_audio(staged)  # the copy: tags and hash describe the same bytes
    except NotAudio as exc:
        staged.unlink(missing_ok=True)
        return Failed(str(exc))
    cover, info.cover = cover_of(info.cover), None
    return ReadFile(staged, digest, size, info, cover)


def cover_of(image_bytes):
    """The Cover for an embedded picture (made once per process); None without a usable one."""
    if not image_bytes:
        return None
    key = hashlib.sha256(image_bytes).hexdigest()
    if key not in _covers:
        try:
            full, thumb = covers.cover_images(image_bytes)
        except covers.BadImage as exc:
            log.info("ignoring unusable embedded cover: %s", exc)
            return None
        made = Cover(*cover_names(full, thumb), full=full, thumb=thumb)
        _covers[key] = made
        if len(_covers) > COVER_CACHE_SIZE:
            _covers.popitem(last=False)
    else:
        _covers.move_to_end(key)
    return with_bytes_once(_covers[key])


def cover_names(full, thumb):
    """(cover_hash, full path, thumbnail path) in the store, named by content."""
    digest = hashlib.sha256(full).hexdigest()
    thumb_digest = hashlib.sha256(thumb).hexdigest()
    return (digest, store.relative_path("covers", digest, ".jpg"),
            store.relative_path("covers", thumb_digest, ".thumb.jpg"))


def with_bytes_once(cover):
    """The cover with its bytes the first time this process returns it, without afterwards."""
    if cover.cover_hash in _sent:
        return Cover(cover.cover_hash, cover.cover_full, cover.cover_thumb)
    _sent.add(cover.cover_hash)
    return cover
