"""Folder covers: an album's picture as a file beside its tracks (cover.jpg, folder.png...).

A track without an embedded picture takes the cover file of its directory. Each directory is
looked at once per scan (every track of an album shares the one stored image), the file is
only read, and a link is not followed (a cover must be inside the music folder like the
audio).
"""

import logging
import os

from server.library import ingest

log = logging.getLogger(__name__)
NAMES = ("cover", "folder", "front", "album")  # in order of preference
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
MAX_BYTES = 20 * 1024 * 1024


def find_cover(directory):
    """The path of the directory's cover file, or None."""
    found = {}
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                stem, suffix = os.path.splitext(entry.name.lower())
                if stem in NAMES and suffix in SUFFIXES and entry.is_file(follow_symlinks=False):
                    found.setdefault(stem, entry.path)
    except OSError:
        return None
    return next((found[name] for name in NAMES if name in found), None)


def read_cover(path):
    """The cover file's bytes, or None when it is unreadable or too large to be a picture."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        log.info("cannot read folder cover %s: %s", path, exc)
        return None


class FolderCovers:
    """Stored cover fields per directory, for one scan."""

    def __init__(self):
        self.by_directory = {}

    def fields(self, directory):
        """The cover fields of the directory's cover file, or None when it has none."""
        directory = str(directory)
        if directory not in self.by_directory:
            path = find_cover(directory)
            data = read_cover(path) if path else None
            self.by_directory[directory] = ingest.embedded_cover_fields(data) if data else None
        return self.by_directory[directory]
