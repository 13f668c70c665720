"""Importing a folder of audio files: tags, duration and covers read from each file.

The pipeline: walk the folder; pass over files the import index knows unchanged (same path,
size and modification time); copy, hash and read the others in worker processes
(server.library.import_worker, both cores; server.library.import_readers starts on the
first files while the index loads); decide here, against the index, what each file does;
write a batch's files with one round of syncs and its new records with one insert.

A file is matched to its record by its path first (so a changed file updates its record),
then by content hash (so the same audio is never added twice). Broken files are reported
and skipped; the import goes on.
"""

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bson import ObjectId
from flask import current_app

from server.library import import_worker, store
from server.library.import_batch import BATCH_SIZE, ImportBatch
from server.library.import_index import ImportIndex
from server.library.import_readers import file_readers, read_ahead

AUDIO_SUFFIXES = {".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav"}
DEFAULT_CATEGORY = "Uncategorized"
STATUSES = ("added", "updated", "skipped", "failed")


@dataclass
class Outcome:
    path: str
    status: str
    reason: str | None = None
    track_id: object = None


@dataclass
class Summary:
    outcomes: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for o in self.outcomes if o.status == status)

    def headline(self):
        """e.g. "3 added, 0 updated, 1 skipped, 1 failed"."""
        return ", ".join(f"{self.count(status)} {status}" for status in STATUSES)

    def details(self):
        """One line per skipped or failed file, with its reason."""
        return [f"{o.status} {o.path}: {o.reason}" for o in self.outcomes
                if o.status in ("skipped", "failed")]


def candidate_files(directory):
    """Every non-hidden file under directory, in a stable order."""
    base = Path(directory)
    return sorted(p for p in base.rglob("*")
                  if p.is_file() and not any(part.startswith(".")
                                             for part in p.relative_to(base).parts))


def import_directory(directory, **options):
    """Import every file under directory (options as for import_paths)."""
    base = Path(directory).resolve()
    return import_paths(candidate_files(base), base, **options)


def import_paths(paths, base, *, workers=None, batch_size=BATCH_SIZE, on_outcome=None):
    """Import the given files (under base, which names them in the summary).

    workers: processes reading files (default: one per core); batch_size: records written
    together; on_outcome(outcome) is called as each file is decided (the progress bar).
    """
    paths = list(paths)
    # The readers start first: their processes boot, then read the first files, while the
    # catalogue loads in a thread (from its snapshot: seconds at 100,000 tracks).
    with file_readers(workers or os.cpu_count() or 1, len(paths)) as readers, \
            ThreadPoolExecutor(1, thread_name_prefix="import-index") as loader:
        batch = ImportBatch(batch_size)
        run = ImportRun(base, batch, on_outcome)
        jobs = run.plan(paths)
        loading = index_loading(loader, batch.catalogue_guard, readers.ahead)
        try:
            run.decide_all(jobs, readers, loading)
        finally:
            run.batch.finish()  # what was decided is written, even when a later step failed
    return Summary(run.outcomes)


def index_loading(loader, guard, in_thread):
    """A future of the import's index, loading in the loader's thread (or loaded here)."""
    if not in_thread:
        loaded = Future()
        loaded.set_result(ImportIndex.load(guard))
        return loaded
    app = current_app._get_current_object()

    def load():
        with app.app_context():
            return ImportIndex.load(guard)

    return loader.submit(load)


class ImportRun:
    """The decisions of one import, in the order of its files, and the batch they fill."""

    def __init__(self, base, batch, on_outcome=None):
        self.base, self.batch, self.on_outcome = base, batch, on_outcome
        self.index = None  # an ImportIndex, once the catalogue has loaded
        self.outcomes = []

    def report(self, position, outcome):
        self.outcomes[position] = outcome
        if self.on_outcome:
            self.on_outcome(outcome)

    def plan(self, paths):
        """Decide what needs no index; [(position, path, source, stat)] of the audio files."""
        paths = list(paths)
        self.outcomes = [None] * len(paths)
        jobs = []
        for position, path in enumerate(paths):
            rel = str(path.relative_to(self.base))
            if path.suffix.lower() not in AUDIO_SUFFIXES:
                self.report(position, Outcome(rel, "skipped", "not an audio file"))
                continue
            try:
                # rglob does not enter linked folders: only the file itself may be a link
                source, stat = (path.resolve() if path.is_symlink() else path), path.stat()
            except OSError as exc:
                self.report(position, Outcome(rel, "failed",
                                              f"cannot read or store: {exc.strerror or exc}"))
                continue
            jobs.append((position, path, source, stat))
        return jobs

    def decide_all(self, jobs, readers, loading):
        """Read and decide every job: the first ones read while the index loads (`loading`,
        a future), every decision made against the loaded index, in the order of the files."""
        ahead = read_ahead(readers, jobs, loading)
        self.index = loading.result()
        read = [job for part, _ in ahead for job in part]
        needed = {job[0] for job in read if self.needs_reading(*job)}
        rest = [job for job in jobs[len(read):] if self.needs_reading(*job)]
        reading = readers.read([job[1] for job in rest])  # under way while ahead is decided
        for part, pending in ahead:
            for job, result in zip(part, pending.get(), strict=True):
                if job[0] in needed:
                    self.decide(*job, result)
                else:
                    self.discard(result)
        for job, result in zip(rest, reading, strict=True):
            self.decide(*job, result)

    def needs_reading(self, position, path, source, stat):
        """False, reported as skipped, for a file the index knows unchanged."""
        if not self.index.unchanged(str(source), stat):
            return True
        known = self.index.source(str(source))
        self.report(position, Outcome(str(path.relative_to(self.base)), "skipped", "unchanged",
                                      known.track_id))
        return False

    def discard(self, result):
        """Drop a file read ahead that turned out unchanged (its cover may serve later files)."""
        if not isinstance(result, import_worker.Failed):
            self.batch.receive_cover(result.cover)
            result.staged.unlink(missing_ok=True)

    def decide(self, position, path, source, stat, result):
        """Add, update or skip one read file, against the index."""
        rel = str(path.relative_to(self.base))
        if isinstance(result, import_worker.Failed):
            return self.report(position, Outcome(rel, "failed", result.reason))
        self.batch.receive_cover(result.cover)
        known = self.index.source(str(source))
        if known and known.content_hash == result.digest:
            result.staged.unlink(missing_ok=True)
            return self.report(position, Outcome(rel, "skipped", "unchanged", known.track_id))
        if known is None and (same := self.index.same_audio(result.digest)):
            result.staged.unlink(missing_ok=True)
            return self.report(position, Outcome(rel, "skipped", f"same audio as track {same}",
                                                 same))
        fields = self.track_fields(path, source, stat, result)
        if known and self.batch.update(known.track_id, fields, result):
            self.index.record(known.track_id, fields)
            return self.report(position, Outcome(rel, "updated", None, known.track_id))
        track_id = ObjectId()  # chosen here, so a duplicate later in the batch can name it
        self.batch.add({"_id": track_id, **fields}, result)
        self.index.record(track_id, fields)
        return self.report(position, Outcome(rel, "added", None, track_id))

    def track_fields(self, path, source, stat, result):
        """Every field of the file's record except its cover."""
        fields = fields_from_tags(result.info, path, self.base)
        fields["category"] = self.index.canonical_category(fields["category"])
        return {**fields, "source_path": str(source), "source_mtime_ns": stat.st_mtime_ns,
                "audio_path": store.relative_path("audio", result.digest, result.info.suffix),
                "content_hash": result.digest, "size": result.size,
                "mime_type": result.info.mime_type, "duration": result.info.duration}


def fields_from_tags(info, path, base):
    """Title, artist, album, category and tags from the file's tags, else from its path."""
    folders = path.relative_to(base).parts[:-1]
    category = (info.genres[0] if info.genres else None) or (folders[0] if folders else None)
    return {
        "title": (info.title or path.stem.replace("_", " ").strip() or "Untitled")[:200],
        "artist": info.artist and info.artist[:200],
        "album": info.album and info.album[:200],
        "category": (category or DEFAULT_CATEGORY)[:60],
        "tags": [g[:40] for g in info.genres[1:20]],
        **album_fields(info),
    }


def album_fields(info):
    """What the catalogue groups albums, artists and genres by (catalogue/derived.py)."""
    return {
        "album_artist": info.album_artist and info.album_artist[:200],
        "track_number": info.track_number, "disc_number": info.disc_number,
        "year": info.year, "compilation": info.compilation,
        "genres": [g[:40] for g in info.genres[:20]],
    }
