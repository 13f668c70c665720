"""Music folders read in place (MUSIC_FOLDERS): checked at start-up, paths confined to them.

Files in a music folder are only ever read: tracks from them point at the file itself
(source_folder, source_path) instead of a copy in the media store.
"""

import os
from pathlib import Path

from flask import current_app


class FolderError(ValueError):
    """A music folder is missing, unreadable, relative or overlaps another; names it."""


def parse(raw):
    """The folders named in a MUSIC_FOLDERS value (absolute paths separated by ':')."""
    return [part.strip() for part in (raw or "").split(":") if part.strip()]


def validate(paths, media_root=None):
    """Resolved folders, or FolderError naming the first folder that cannot be used.

    A folder may not overlap another, nor the media store (which is written).
    """
    resolved = []
    for raw in paths:
        if not os.path.isabs(raw):
            raise FolderError(f"music folder {raw!r} must be an absolute path")
        path = Path(raw).resolve()
        if not path.is_dir():
            raise FolderError(f"music folder {raw!r} does not exist or is not a folder")
        if not os.access(path, os.R_OK | os.X_OK):
            raise FolderError(f"music folder {raw!r} cannot be read")
        resolved.append(path)
    for index, path in enumerate(resolved):
        for other in resolved[index + 1:]:
            if overlap(path, other):
                raise FolderError(f"music folders {str(path)!r} and {str(other)!r} overlap")
        if media_root and overlap(path, Path(media_root).resolve()):
            raise FolderError(f"music folder {str(path)!r} overlaps MEDIA_ROOT {str(media_root)!r}")
    return resolved


def overlap(one, other):
    return one == other or one.is_relative_to(other) or other.is_relative_to(one)


def configured():
    """This app's music folders (resolved when the config was loaded)."""
    return list(current_app.config.get("MUSIC_FOLDERS") or [])


def confined(folder, path):
    """path resolved (links followed) if it stays inside folder, else None."""
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):  # gone, or a loop of links
        return None
    return real if real.is_relative_to(folder) else None


def track_file(track):
    """The absolute path of an in-place track's file, or None when it left its folder.

    The folder must still be configured: a track indexed from a folder since removed
    from MUSIC_FOLDERS is not served.
    """
    folder = Path(track["source_folder"])
    if folder not in configured():
        return None
    return confined(folder, track["source_path"])


def in_place(track):
    """Whether the track's audio is read from a music folder (not the media store)."""
    return bool(track.get("source_folder"))
