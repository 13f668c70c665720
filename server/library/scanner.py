"""Scanning the music folders in place: added, changed, moved, missing and deleted files.

A file whose size and modification time match its track is not opened. A new file with the
content hash of a track whose file vanished is that track moved (same id, so favorites and
history follow). A track whose file is still there but unreadable, or under a folder the walk
could not enter, is marked missing; only a scan that finds no file at all deletes it. A track
whose directory's cover file was added, replaced or deleted takes the new cover (or loses
it) without its audio being opened, unless it has its own picture (folder_covers.py). A
file skipped once is not opened again while unchanged (scan_skipped.py). Every write goes
through server.library.tracks, so every catalogue stays exact.
"""

import logging
import os
import time
from pathlib import Path
from typing import NamedTuple

from bson import ObjectId

from server.jsonutil import utcnow
from server.library import (
    folder_covers,
    ingest,
    scan_files,
    scan_lock,
    scan_reader,
    scan_skipped,
    scan_status,
    scan_walk,
    tracks,
)
from server.library.catalogue import records, state
from server.library.importer import fields_from_tags

log = logging.getLogger(__name__)
INSERT_BATCH = 200
SAVE_EVERY_SECONDS = 0.5  # progress writes; also renews the lock (well inside its TTL)
# The folder's tracks as (id, path, size, mtime, missing, cover), without decoding their
# documents: a rescan compares each file with this map, and reads a whole document (DOCS)
# only for the few files that need a write. Each field read here has a column.
KNOWN = ("SELECT id, source_path, size, source_mtime_ns, missing, folder_cover, cover_hash "
         "FROM tracks WHERE source_folder = ?")
DOCS = "SELECT doc, play_count FROM tracks WHERE id = ?"


def scan(music_folders, wrap=None, workers=None):
    """Scan every folder under the scan lock (ScanBusy if another process holds it).

    workers: processes reading files when there are many (default: one per core)."""
    with scan_lock.held() as renew:
        return Scanner(music_folders, renew, wrap, workers).run()


class Scanner:
    """One scan: its progress document, kept current, and the writes it decides."""

    def __init__(self, music_folders, renew, wrap=None, workers=None):
        self.folders = [Path(f) for f in music_folders]
        self.renew, self.wrap = renew, wrap or (lambda items: items)
        self.workers = workers
        self.status = {**scan_status.empty(), "folders": [str(f) for f in self.folders]}
        self.saved_at = 0.0
        self.folder_covers = self.skipped = None  # the folder's, while it is scanned

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
        self.folder_covers = folder_covers.FolderCovers(walked.covers)
        self.skipped = scan_skipped.SkippedFiles(folder)
        to_read, stale_covers = self.unchanged_or_to_read(walked.entries, known)
        present = {entry.source for entry in walked.entries}
        vanished = {path: document(row.track_id) for path, row in known.items()
                    if path not in present}
        self.read_all(folder, to_read, vanished)
        self.update_covers(stale_covers)
        for doc in vanished.values():
            self.forget(doc, walked.unreadable_dirs)
        self.skipped.save()

    def unchanged_or_to_read(self, entries, known):
        """Count the files whose size and mtime match their track (or an earlier
        skip); the others to read, and the unchanged tracks whose directory's cover changed.

        The hot loop of a rescan: dict lookups and comparisons per file, no database."""
        to_read, stale_covers, unchanged = [], [], 0
        covers = self.folder_covers.identities
        for entry in entries:
            row = known.get(entry.source)
            if (row is not None and row.size == entry.size and row.mtime_ns == entry.mtime_ns
                    and row.folder_cover is not None and entry.readable()):
                unchanged += 1
                if row.missing:
                    tracks.update_track(row.track_id, {"missing": False})
                if row.folder_cover not in (folder_covers.EMBEDDED,
                                            covers.get(entry.directory, folder_covers.NONE)):
                    stale_covers.append((entry, row))
            elif row is None and self.skipped.known(entry):
                self.count("known_skipped")
            else:
                to_read.append((entry, row and document(row.track_id)))
        self.count("seen", len(entries))
        self.count("unchanged", unchanged)
        self.status["total"] += len(to_read)
        return to_read, stale_covers

    def update_covers(self, stale_covers):
        """Give unchanged tracks their directory's cover file as it is now (or none)."""
        for entry, row in stale_covers:
            cover = (self.folder_covers.fields(entry.directory)
                     or dict(scan_reader.CoverStore.NONE))
            self.replace(document(row.track_id),
                         {**cover, "folder_cover": self.folder_covers.identity(entry.directory)})
            self.count("cover_changed")
            self.save(force=False)

    def read_all(self, folder, to_read, vanished):
        """Read each new or changed file (in a pool when there are many) and write as it goes:
        known tracks are updated, a vanished track's content found again is that track moved,
        the rest is inserted in batches while the pool reads on."""
        moves = Moves(vanished)
        inserts = []
        covers = scan_reader.CoverStore()
        with scan_reader.readers(len(to_read), self.workers) as read:
            results = read([(entry.path, entry.size) for entry, _ in to_read])
            for (entry, doc), result in zip(self.wrap(to_read), results, strict=True):
                self.status["current"] = str(entry.path.relative_to(folder))
                fields = self.fields_of(folder, entry, doc, result, covers)
                if fields and doc:
                    self.replace(doc, fields)
                    self.count("changed")
                elif fields and (old := moves.take(fields["content_hash"])):
                    self.replace(old, fields)
                    self.count("moved")
                elif fields:
                    inserts.append(fields)
                    if len(inserts) >= INSERT_BATCH:
                        self.insert_new(inserts)
                        inserts = []
                self.status["done"] += 1
                self.save(force=False)
        self.insert_new(inserts)

    def fields_of(self, folder, entry, doc, result, covers):
        """The track fields of one file read, or None (skipped or failed, with its reason)."""
        if isinstance(result, scan_reader.Unreadable):
            if doc is None:
                self.error(folder, entry.path, result.reason, "failed")
                return None
            result = scan_files.Skipped(result.reason)
        if isinstance(result, scan_files.Skipped):
            self.error(folder, entry.path, result.reason, "skipped" if doc is None else None)
            if doc is not None:
                self.mark_missing(doc)  # kept (with its favorites) until the file is fixed
            else:
                self.skipped.add(entry, result.reason)
            return None
        if result.tag_error:
            self.error(folder, entry.path, result.tag_error)
        return track_fields(folder, entry, result, self.cover_of(entry, result, covers))

    def cover_of(self, entry, result, covers):
        """The cover fields of a file read: its own picture, else its directory's cover file."""
        if result.cover is not None:
            return {**covers.fields(result.cover), "folder_cover": folder_covers.EMBEDDED}
        return {**(self.folder_covers.fields(entry.directory) or covers.fields(None)),
                "folder_cover": self.folder_covers.identity(entry.directory)}

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


class Known(NamedTuple):
    """What a rescan compares a file with: its track, size, mtime and cover as last indexed."""

    track_id: ObjectId
    size: int | None
    mtime_ns: int | None
    missing: bool
    folder_cover: str | None  # folder_covers.identity, EMBEDDED; None: read the file again


def known_tracks(folder):
    """{source path: Known} of the folder's tracks, from this process's catalogue."""
    rows = state.current().execute(KNOWN, (str(folder),)).fetchall()
    return {path: Known(ObjectId(track_id), size, mtime_ns, bool(missing),
                        folder_cover if folder_cover is not None else legacy(cover_hash))
            for track_id, path, size, mtime_ns, missing, folder_cover, cover_hash in rows}


def legacy(cover_hash):
    """The folder_cover of a track indexed before tracks kept one: without a cover it had
    neither picture (NONE, so a cover file added since applies); with one, only reading the
    file again tells whether the picture was its own (None)."""
    return folder_covers.NONE if cover_hash is None else None


def document(track_id):
    """A known track's whole document, from the catalogue (only for a file that needs a write)."""
    row = state.current().execute(DOCS, (str(track_id),)).fetchone()
    return records.decode(*row)


class Moves:
    """The tracks whose files vanished, by content hash: a new file with one's content is it."""

    def __init__(self, vanished):
        self.vanished, self.by_hash = vanished, {}
        for doc in vanished.values():
            self.by_hash.setdefault(doc["content_hash"], []).append(doc)

    def take(self, content_hash):
        """The vanished track with this content (no longer vanished), or None."""
        candidates = self.by_hash.get(content_hash)
        if not candidates:
            return None
        old = candidates.pop()
        del self.vanished[old["source_path"]]
        return old


def track_fields(folder, entry, result, cover):
    """Every field of an in-place track read from one file (cover: the fields of its stored
    cover, the embedded picture, else its directory's cover file)."""
    info = result.info
    return {**fields_from_tags(info, entry.path, folder), **cover,
            "source_folder": str(folder), "source_path": str(entry.path),
            "source_mtime_ns": entry.mtime_ns, "content_hash": result.digest,
            "size": entry.size, "mime_type": info.mime_type, "duration": info.duration,
            "missing": False, "tag_error": result.tag_error}
