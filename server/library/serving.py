"""Which file answers a media request: a track's audio, its cover, or the default cover."""

import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from flask import Response, current_app

from server.errors import ApiError
from server.library import covers, folders, store

COVER_SIZES = {"full": ("cover_full", covers.FULL_SIZE), "thumb": ("cover_thumb",
                                                                   covers.THUMB_SIZE)}


def existing(path):
    if not path.is_file():
        raise ApiError(404, "media_missing", "The media file is missing from the store")
    return path


def audio_file(track):
    """(absolute path, MIME type, ETag) of a track's audio."""
    if folders.in_place(track):
        return in_place_file(track), track["mime_type"], track["content_hash"]
    return existing(store.absolute(track["audio_path"])), track["mime_type"], track["content_hash"]


def in_place_file(track):
    """The file in its music folder; 404 when it is gone, unreadable or led outside it."""
    path = folders.track_file(track)
    if path is None or not path.is_file() or not os.access(path, os.R_OK):
        # The next scan marks the track missing (a request never updates the library).
        raise ApiError(404, "media_missing", "The track's file is missing from its music folder")
    return path


def cover_file(track, size):
    """(absolute path, MIME type, ETag) of a track's cover in size, or the default cover."""
    field, pixels = COVER_SIZES[size]
    if track.get(field):
        path = existing(store.absolute(track[field]))
        return path, "image/jpeg", f"{track['cover_hash']}-{size}"
    return default_cover(size, pixels), "image/jpeg", f"default-{size}"


def default_cover(size, pixels):
    """The default cover's file, drawn once per media store (temporary file, then rename)."""
    path = store.root() / "covers" / f"default-{size}.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(covers.default_cover(pixels))
        os.replace(store.shareable(handle.name), path)
    return path


def in_store(path):
    """Whether the file lies in the media store (the front server sees only that folder)."""
    return Path(path).is_relative_to(store.root())


def accel_redirect(path, mime_type, max_age):
    """An empty response naming the file by the front server's internal location.

    nginx then sends the bytes itself, with Range, ETag and 304 (deploy/nginx); the file is
    always inside the media store, so its name never comes from the client.
    """
    relative = path.relative_to(store.root()).as_posix()
    response = Response(mimetype=mime_type)
    response.headers["X-Accel-Redirect"] = current_app.config["MEDIA_ACCEL_PREFIX"] + quote(
        relative)
    response.cache_control.max_age = max_age
    if not max_age:
        response.cache_control.no_cache = True
    return response
