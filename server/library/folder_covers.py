"""Folder covers: an album's picture as a file beside its tracks (cover.jpg, folder.png...).

A track without an embedded picture takes the cover file of its directory, which the walk
found (scan_walk: a link is not followed, a cover must be inside the music folder like the
audio). Each directory's file is read once per scan (every track of an album shares the one
stored image) and only read. A track remembers which cover file it took, as `folder_cover`:
the file's name, size and mtime (or EMBEDDED, or NONE), so a rescan compares that with the
walk's stat of the directory's cover and updates the tracks whose cover file changed without
opening their audio.
"""

import logging
import os

from server.library import ingest

log = logging.getLogger(__name__)
NAMES = ("cover", "folder", "front", "album")  # in order of preference
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
MAX_BYTES = 20 * 1024 * 1024
# Whole lower-case file names: the walk asks this of every file, so one lookup.
RANKS = {name + suffix: rank for rank, name in enumerate(NAMES) for suffix in SUFFIXES}
EMBEDDED = "embedded"  # the track's own picture wins: its directory's cover does not matter
NONE = ""  # no picture in the file, and no cover file beside it


def rank(file_name):
    """The preference of a cover file name (0 best), or None when it is not one."""
    return RANKS.get(file_name.lower())


def identity(entry):
    """What a track remembers of the cover file it took (a scan_walk.Entry, or None)."""
    if entry is None:
        return NONE
    return f"{os.path.basename(entry.source)}:{entry.size}:{entry.mtime_ns}"


def read_cover(entry):
    """The cover file's bytes, or None when it is unreadable or too large to be a picture."""
    if entry.size > MAX_BYTES:
        return None
    try:
        with open(entry.source, "rb") as handle:
            return handle.read()
    except OSError as exc:
        log.info("cannot read folder cover %s: %s", entry.source, exc)
        return None


class FolderCovers:
    """Stored cover fields per directory, for one folder's scan (covers: Walk.covers)."""

    def __init__(self, covers):
        self.covers, self.by_directory = covers, {}
        # Made once per directory, so a rescan's comparison per track is one dict lookup.
        self.identities = {directory: identity(entry) for directory, entry in covers.items()}

    def identity(self, directory):
        return self.identities.get(directory, NONE)

    def fields(self, directory):
        """The cover fields of the directory's cover file, or None when it has no usable one."""
        if directory not in self.by_directory:
            entry = self.covers.get(directory)
            data = read_cover(entry) if entry is not None else None
            self.by_directory[directory] = ingest.embedded_cover_fields(data) if data else None
        return self.by_directory[directory] or None
