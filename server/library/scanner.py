"""Scanning the music folders in place: added, changed, moved, missing and deleted files.

A file whose size and modification time match its track is not opened. A new file with the
content hash of a track whose file vanished is that track moved (same id, so favorites and
history follow). A track whose file is still there but unreadable, or under a folder the walk
could not enter, is marked missing; only a scan that finds no file at all deletes it. Every
write goes through server.library.tracks, so every catalogue stays exact.
"""

import logging
import os
import time
from pathlib import Path

from server.jsonutil import utcnow
from server.library import (
    folder_covers,
    ingest,
    scan_files,
    scan_lock,
    scan_status,
    scan_walk,
    tracks,
)
from server.library.catalogue import records, state
from server.library.importer import fields_from_tags

log = logging.getLogger(__name__)
INSERT_BATCH = 200
SAVE_EVERY_SECONDS = 0.5  # progress writes; also renews the lock (well inside its TTL)
# The catalogue has no column for the folder: json_extract reads it from each row's document.
KNOWN = ("SELECT doc, play_count FROM tracks "
         "WHERE json_extract(doc, '$.source_folder') = ?")


def scan(music_folders, wrap=None):
    """Scan every folder under the scan lock (ScanBusy if another process holds it)."""
    with scan_lock.held() as renew:
        return Scanner(music_folders, renew, wrap).run()


class Scanner:
    """One scan: its progress document, kept current, and the writes it decides."""

    def __init__(self, music_folders, renew, wrap=None):
        self.folders = [Path(f) for f in music_folders]
        self.renew, self.wrap = renew, wrap or (lambda items: items)
        self.status = {**scan_status.empty(), "folders": [str(f) for f in self.folders]}
        self.saved_at = 0.0
        self.folder_covers = folder_covers.FolderCovers()

    def run(self):
        self.status.update(state="scanning", started_at=utcnow())
        self.save()
        try:
            for folder in self.folders:
                self.scan_folder(folder)
        except Exception:
            self.status["state"] = "failed"
            raise
        else:
            self.status["state"] = "done"
        finally:
            self.status.update(current=None, finished_at=utcnow())
            self.save()
        return self.status

    def save(self, force=True):
        now = time.monotonic()
        if force or now - self.saved_at >= SAVE_EVERY_SECONDS:
            self.renew()
            scan_status.save(self.status)
            self.saved_at = now

    def count(self, name, by=1):
        self.status["counts"][name] += by

    def error(self, folder, path, reason, counted=None):
        """Record a reason for one file in the summary (and count it, when given)."""
        self.status["errors"].append({"path": str(Path(path).relative_to(folder)),
                                      "reason": reason})
        if counted:
            self.count(counted)

    def scan_folder(self, folder):
        known = known_tracks(folder)
        walked = scan_walk.walk(folder)
        for path, reason in walked.refused:
            self.error(folder, path, reason, "skipped")
        to_read = self.unchanged_or_to_read(walked.entries, known)
        new = self.read_all(folder, to_read)
        present = {str(entry.path) for entry in walked.entries}
        vanished = {path: doc for path, doc in known.items() if path not in present}
        self.insert_new(self.apply_moves(new, vanished))
        for doc in vanished.values():
            self.forget(doc, walked.unreadable_dirs)

    def unchanged_or_to_read(self, entries, known):
        """Count the files whose size and mtime match their track; the others to read."""
        to_read = []
        for entry in entries:
            self.count("seen")
            doc = known.get(str(entry.path))
            if (doc and doc["size"] == entry.size and doc.get("source_mtime_ns") == entry.mtime_ns
                    and os.access(entry.path, os.R_OK)):
                self.count("unchanged")
                if doc.get("missing"):
                    tracks.update_track(doc["_id"], {"missing": False})
            else:
                to_read.append((entry, doc))
        self.status["total"] += len(to_read)
        return to_read

    def read_all(self, folder, to_read):
        """Read each new or changed file; known tracks are updated, new fields returned."""
        new = []
        for entry, doc in self.wrap(to_read):
            self.status["current"] = str(entry.path.relative_to(folder))
            fields = self.read_one(folder, entry, doc)
            if fields and doc:
                self.replace(doc, fields)
                self.count("changed")
            elif fields:
                new.append(fields)
            self.status["done"] += 1
            self.save(force=False)
        return new

    def read_one(self, folder, entry, doc):
        """The track fields of one file, or None (skipped or failed, with its reason)."""
        try:
            result = scan_files.read_file(entry.path, entry.size)
        except OSError as exc:
            reason = f"cannot read: {exc.strerror or exc}"
            if doc is None:
                self.error(folder, entry.path, reason, "failed")
                return None
            result = scan_files.Skipped(reason)
        if isinstance(result, scan_files.Skipped):
            self.error(folder, entry.path, result.reason, "skipped" if doc is None else None)
            if doc is not None:
                self.mark_missing(doc)  # kept (with its favorites) until the file is fixed
            return None
        if result.tag_error:
            self.error(folder, entry.path, result.tag_error)
        return track_fields(folder, entry, result, self.folder_covers)

    def apply_moves(self, new, vanished):
        """Give a vanished track's id to the new file with its content; the rest to insert."""
        by_hash = {}
        for doc in vanished.values():
            by_hash.setdefault(doc["content_hash"], []).append(doc)
        inserts = []
        for fields in new:
            candidates = by_hash.get(fields["content_hash"])
            if candidates:
                old = candidates.pop()
                del vanished[old["source_path"]]
                self.replace(old, fields)
                self.count("moved")
            else:
                inserts.append(fields)
        return inserts

    def insert_new(self, inserts):
        for start in range(0, len(inserts), INSERT_BATCH):
            batch = inserts[start:start + INSERT_BATCH]
            tracks.insert_tracks(batch)
            self.count("added", len(batch))
            self.save(force=False)

    def forget(self, doc, unreadable_dirs):
        """A track whose file the walk did not find: missing if it may come back, else deleted."""
        path = doc["source_path"]
        if os.path.lexists(path) or scan_walk.under(path, unreadable_dirs):
            self.mark_missing(doc)
            return
        removed = tracks.delete_track(doc["_id"])
        if removed is not None:
            ingest.release_files(removed)  # its cover; the audio was never copied
            self.count("deleted")

    def mark_missing(self, doc):
        if not doc.get("missing"):
            tracks.update_track(doc["_id"], {"missing": True})
        self.count("missing")

    def replace(self, doc, fields):
        """Point doc's track at the file's new path or content, then release an old cover."""
        tracks.update_track(doc["_id"], fields)
        if doc.get("cover_hash") and doc["cover_hash"] != fields.get("cover_hash"):
            ingest.release_files({"cover_hash": doc["cover_hash"],
                                  "cover_full": doc["cover_full"],
                                  "cover_thumb": doc["cover_thumb"]})


def known_tracks(folder):
    """{source path: document} of the folder's tracks, from this process's catalogue."""
    rows = state.current().execute(KNOWN, (str(folder),)).fetchall()
    return {doc["source_path"]: doc for doc in (records.decode(*row) for row in rows)}


def track_fields(folder, entry, result, covers):
    """Every field of an in-place track read from one file (its cover stored, if any: the
    embedded picture, else its directory's cover file)."""
    info = result.info
    cover = (ingest.embedded_cover_fields(info.cover) or covers.fields(entry.path.parent)
             or {"cover_hash": None, "cover_full": None, "cover_thumb": None})
    return {**fields_from_tags(info, entry.path, folder), **cover,
            "source_folder": str(folder), "source_path": str(entry.path),
            "source_mtime_ns": entry.mtime_ns, "content_hash": result.digest,
            "size": entry.size, "mime_type": info.mime_type, "duration": info.duration,
            "missing": False, "tag_error": result.tag_error}
