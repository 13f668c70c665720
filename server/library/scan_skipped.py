"""The files a scan skipped, remembered per music folder, so a rescan does not open them again.

Deciding by extension alone would not do: a non-audio name is already skipped without being
opened, but an empty, truncated or not-really-audio `.mp3` is opened (mutagen, then ffprobe)
on every scan, and every skipped file was listed again in every summary. So each folder keeps
one document, by _id (the folder's path): each skipped file's path, size, mtime and reason. A
rescan skips a file found there with the same size and mtime without reading it, and counts
it as `known_skipped` instead of listing its reason again: a reason is listed by the scan that
first met the file (or met it changed). One read by _id when a folder's scan starts, one
replace when it ends, only if the list changed (a collection of one document per folder:
cheap on FerretDB).
"""

import os

from server.db import get_db

MAX_FILES = 50_000  # ~150 bytes each: well inside a document's 16 MB; beyond, read again


def collection():
    return get_db().scan_skipped


class SkippedFiles:
    """One folder's skipped files: those remembered from the last scan, and this scan's."""

    def __init__(self, folder):
        self.folder = str(folder)
        doc = collection().find_one({"_id": self.folder}) or {"files": []}
        self.before = {os.path.join(self.folder, f["path"]): f for f in doc["files"]}
        self.now = {}

    def known(self, entry):
        """Whether the file was skipped before as it is now (same size and mtime); kept if so."""
        found = self.before.get(entry.source)
        if found is None or (found["size"], found["mtime_ns"]) != (entry.size, entry.mtime_ns):
            return False
        self.now[entry.source] = found
        return True

    def add(self, entry, reason):
        """Remember a file this scan skipped (read and refused: it is not read again)."""
        if len(self.now) < MAX_FILES:
            self.now[entry.source] = {"path": os.path.relpath(entry.source, self.folder),
                                      "size": entry.size, "mtime_ns": entry.mtime_ns,
                                      "reason": reason}

    def save(self):
        """Keep this scan's list (files gone or now read are forgotten), when it changed."""
        if self.now != self.before:
            collection().replace_one({"_id": self.folder},
                                     {"files": list(self.now.values())}, upsert=True)
