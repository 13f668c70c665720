"""Importing a folder of audio files: tags, duration and covers read from each file.

A file is matched to its record by its path first (so a changed file updates its record),
then by content hash (so the same audio is never added twice). Broken files are reported
and skipped; the import goes on.
"""

from dataclasses import dataclass, field
from pathlib import Path

from server.library import ingest, store, tracks
from server.library.tags import NotAudio, read_audio

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


def import_directory(directory):
    """Import every file under directory."""
    base = Path(directory).resolve()
    return import_paths(candidate_files(base), base)


def import_paths(paths, base):
    """Import the given files (under base, which names them in the summary)."""
    summary = Summary()
    for path in paths:
        try:
            outcome = import_file(path, base)
        except OSError as exc:  # unreadable file, vanished mid-import, disk full...
            outcome = Outcome(str(path.relative_to(base)), "failed",
                              f"cannot read or store: {exc.strerror or exc}")
        summary.outcomes.append(outcome)
    return summary


def import_file(path, base):
    """Add, update or skip one file; never raises for a bad file."""
    rel = str(path.relative_to(base))
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        return Outcome(rel, "skipped", "not an audio file")
    source = str(path.resolve())
    existing = tracks.find_by_source(source)
    digest = store.file_hash(path)
    if existing and existing["content_hash"] == digest:
        return Outcome(rel, "skipped", "unchanged", existing["_id"])
    if existing is None and (same := tracks.find_by_hash(digest)):
        return Outcome(rel, "skipped", f"same audio as track {same['_id']}", same["_id"])
    try:
        info = read_audio(path)
    except NotAudio as exc:
        return Outcome(rel, "failed", str(exc))
    fields = {**fields_from_tags(info, path, base), "source_path": source}
    with store.stage_file(path) as staged:
        cover = ingest.embedded_cover_fields(info.cover)
        if existing:
            doc = ingest.replace_media(existing, staged, info, fields, cover)
            return Outcome(rel, "updated", None, doc["_id"])
        doc = ingest.add_track(staged, info, fields, cover)
    return Outcome(rel, "added", None, doc["_id"])


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
    }
