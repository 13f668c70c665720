"""Avatars: an uploaded image is decoded with Pillow, re-encoded small, stored atomically.

Re-encoding (rather than keeping the upload) proves the file is an image, drops metadata
such as GPS tags, and bounds what the server hands out.
"""

import hashlib
import io
import os
import tempfile
import warnings
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

from server import cpu_pool
from server.accounts import users
from server.errors import ApiError, ValidationError

AVATAR_SIZE = (256, 256)
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
# A 12-megapixel phone photo fits; a bigger picture is a decompression bomb, not a portrait
# (a 37 KB PNG of 6300x6300 took 513 ms to decode). Checked on the header, before decoding.
MAX_PIXELS = 4096 * 4096


def avatar_dir():
    return Path(current_app.config["MEDIA_ROOT"]) / "avatars"


def avatar_path(user_id, avatar_file):
    return avatar_dir() / f"{user_id}-{avatar_file}.png"


def read_upload(upload):
    """The upload's bytes; 413 over AVATAR_MAX_MB."""
    limit = current_app.config["AVATAR_MAX_MB"] * 1024 * 1024
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, "payload_too_large",
                       f"The avatar must be at most {current_app.config['AVATAR_MAX_MB']} MB")
    return data


def normalise_image(data):
    """The image re-encoded as a PNG of at most 256x256; 422 when it is not a usable image."""
    return cpu_pool.run(reencode, data)


def reencode(data):
    """normalise_image's work, run in the CPU pool."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError({"avatar": "must be a PNG, JPEG, GIF or WebP image"})
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"avatar": "the image is too large"})
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGBA")
            image.thumbnail(AVATAR_SIZE)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            OSError, ValueError, SyntaxError):
        raise ValidationError({"avatar": "is not a readable image"}) from None
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_atomically(path, data):
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_avatar(user, upload):
    """Store the user's new avatar and return the updated user."""
    png = normalise_image(read_upload(upload))
    avatar_file = hashlib.sha256(png).hexdigest()[:32]
    write_atomically(avatar_path(user["_id"], avatar_file), png)
    # The file exists before the user points at it; the old one goes only afterwards.
    updated = users.update_user(user["_id"], {"avatar_file": avatar_file})
    old = user.get("avatar_file")
    if old and old != avatar_file:
        avatar_path(user["_id"], old).unlink(missing_ok=True)
    return updated


def avatar_file_of(user_id):
    """The path of the user's avatar; 404 when there is none."""
    user = users.find_user(user_id)
    if not user or not user.get("avatar_file"):
        raise ApiError(404, "not_found", "This user has no avatar")
    path = avatar_path(user_id, user["avatar_file"])
    if not path.is_file():
        raise ApiError(404, "not_found", "This user has no avatar")
    return path
