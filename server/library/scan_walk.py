"""Walking a music folder: every non-hidden file with its stat, links confined to the folder."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from server.library import folders


@dataclass
class Entry:
    path: Path  # where the walk found it (a link keeps its own name)
    size: int
    mtime_ns: int


@dataclass
class Walk:
    entries: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (path, reason): links out, unreadable files
    unreadable_dirs: list = field(default_factory=list)  # their tracks are missing, not gone


def walk(folder):
    """Everything under folder, sorted; folders reached through links are not entered."""
    result = Walk()
    for top, dirs, files in os.walk(folder, onerror=lambda exc: result.unreadable_dirs.append(
            Path(exc.filename))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                visit(folder, Path(top) / name, result)
    return result


def visit(folder, path, result):
    """Add one file to the walk, or to the refused with a reason."""
    if path.is_symlink() and folders.confined(folder, path) is None:
        result.refused.append((path, "a link that leads outside the music folder (or nowhere)"))
        return
    try:
        stat = path.stat()
    except OSError as exc:
        result.refused.append((path, f"cannot read: {exc.strerror or exc}"))
        return
    if not path.is_file():
        return
    result.entries.append(Entry(path, stat.st_size, stat.st_mtime_ns))


def under(path, dirs):
    """Whether path lies in one of dirs."""
    return any(Path(path).is_relative_to(d) for d in dirs)
