"""Walking a music folder: every non-hidden file with its stat, links confined to the folder.

A rescan of an unchanged library is this walk and nothing else, so it costs what a plain
`os.scandir` + `stat` walk costs: one `scandir` per folder (whose entries already tell
folders, files and links apart) and one `stat` per file; paths stay strings, and a
`Path` is only made for a file that is read. A folder's cover file (folder_covers.py) is
not an entry: the walk keeps its stat per directory, so a rescan sees a cover that was added,
replaced or deleted without opening it or any track beside it.
"""

import os
import stat as stat_mode
from dataclasses import dataclass, field
from pathlib import Path

from server.library import folder_covers, folders


class Entry:
    """A file the walk found: where (a link keeps its own name), its size and mtime."""

    __slots__ = ("source", "directory", "size", "mtime_ns", "mode", "uid", "gid")

    def __init__(self, source, stat, directory):
        self.source = source  # the path as a string: the key of the scanner's map
        self.directory = directory  # the key of Walk.covers
        self.size, self.mtime_ns = stat.st_size, stat.st_mtime_ns
        self.mode, self.uid, self.gid = stat.st_mode, stat.st_uid, stat.st_gid

    @property
    def path(self):
        return Path(self.source)

    def readable(self):
        """Whether this process may read the file, from the stat already taken (the
        permission bits, as access(2) checks them without ACLs; root reads anything)."""
        return _may_read(self.mode, self.uid, self.gid)


@dataclass
class Walk:
    entries: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (path, reason): links out, unreadable files
    unreadable_dirs: list = field(default_factory=list)  # their tracks are missing, not gone
    covers: dict = field(default_factory=dict)  # directory -> Entry of its cover file


def walk(folder):
    """Everything under folder, sorted; folders reached through links are not entered."""
    result = Walk()
    _walk_dir(Path(folder), str(folder), result)
    return result


def _walk_dir(folder, directory, result):
    """One folder's files (sorted by name), then its sub-folders', depth first."""
    try:
        with os.scandir(directory) as listing:
            children = sorted(listing, key=lambda child: child.name)
    except OSError as exc:
        result.unreadable_dirs.append(Path(exc.filename or directory))
        return
    subdirs = []
    for child in children:
        if child.name.startswith("."):
            continue
        try:
            if child.is_dir():  # d_type answers, except for a link (then one stat)
                if not child.is_symlink():  # a linked folder is not entered
                    subdirs.append(child.path)
                continue
        except OSError:
            pass  # the file-level checks below give the reason
        if not cover_of_directory(directory, child, result):
            visit(folder, directory, child, result)
    for subdir in subdirs:
        _walk_dir(folder, subdir, result)


def cover_of_directory(directory, child, result):
    """Keep child as its directory's cover when it is the best cover file (never a link)."""
    rank = folder_covers.rank(child.name)
    if rank is None or child.is_symlink():
        return False
    try:
        stat = child.stat(follow_symlinks=False)
    except OSError:
        return True  # gone since the listing: no cover, and nothing to read
    best = result.covers.get(directory)
    if stat_mode.S_ISREG(stat.st_mode) and (
            best is None or rank < folder_covers.rank(os.path.basename(best.source))):
        result.covers[directory] = Entry(child.path, stat, directory)
    return True


def visit(folder, directory, child, result):
    """Add one directory entry to the walk, or to the refused with a reason."""
    if child.is_symlink() and folders.confined(folder, child.path) is None:
        result.refused.append((Path(child.path),
                               "a link that leads outside the music folder (or nowhere)"))
        return
    try:
        stat = child.stat()  # links followed: a link inside the folder counts as its file
    except OSError as exc:
        result.refused.append((Path(child.path), f"cannot read: {exc.strerror or exc}"))
        return
    if stat_mode.S_ISREG(stat.st_mode):
        result.entries.append(Entry(child.path, stat, directory))


def under(path, dirs):
    """Whether path lies in one of dirs."""
    return any(Path(path).is_relative_to(d) for d in dirs)


_EUID = os.geteuid()
_GROUPS = frozenset((os.getegid(), *os.getgroups()))


def _may_read(mode, uid, gid):
    if _EUID == 0:
        return True
    if uid == _EUID:
        return bool(mode & stat_mode.S_IRUSR)
    if gid in _GROUPS:
        return bool(mode & stat_mode.S_IRGRP)
    return bool(mode & stat_mode.S_IROTH)
