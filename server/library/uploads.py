"""Creating a track from a multipart upload, validated by reading the file itself.

The client's file name and declared content type are never trusted: the audio is staged
under a random name, read with mutagen, and stored under its content hash. Whatever fails,
the staged file is deleted and no record is written.
"""

import unicodedata
from pathlib import PurePosixPath

from flask import request

from server.errors import ApiError, ValidationError
from server.library import completeness, covers, fields, ingest, store
from server.library.importer import DEFAULT_CATEGORY, album_fields
from server.library.tags import NotAudio, read_audio


def form_fields():
    """The editable fields sent in the form (tags may be repeated or comma-separated)."""
    raw = {name: request.form.get(name) for name in request.form if name != "tags"}
    if "tags" in request.form:
        raw["tags"] = [tag for value in request.form.getlist("tags") for tag in value.split(",")]
    return raw


def upload_file(name):
    """The uploaded file under name, or None when the part is missing or empty-named."""
    part = request.files.get(name)
    return part if part is not None and part.filename != "" else None


def create_from_request():
    """Validate the multipart request, store its audio (and cover), insert the track."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "unsupported_media_type", "Send multipart/form-data with an audio file")
    file_errors = {name: "unknown file field" for name in request.files
                  if name not in ("audio", "cover")}
    audio, cover = upload_file("audio"), upload_file("cover")
    if audio is None:
        file_errors["audio"] = "an audio file is required"
    values = fields.clean_fields(form_fields(), extra_errors=file_errors)
    with store.stage_stream(audio.stream) as staged:
        try:
            info = read_audio(staged.path)
        except NotAudio as exc:
            raise ApiError(415, "unsupported_media_type", "The file is not supported audio",
                           {"fields": {"audio": str(exc)}}) from None
        completeness.require_complete(staged.path, info.duration)
        cover_fields = uploaded_cover(cover) if cover else ingest.embedded_cover_fields(info.cover)
        merged = merge_fields(values, info, audio.filename)
        return ingest.add_track(staged, info, merged, cover_fields)


def uploaded_cover(part):
    """Store an uploaded cover image; 422 when it is not an image."""
    try:
        return ingest.cover_fields(part.stream.read())
    except covers.BadImage:
        raise ValidationError({"cover": "not a readable image"}) from None


def without_control_characters(text):
    """text without control, format or unassigned characters (a title is shown as it is)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()


def merge_fields(values, info, filename):
    """Form fields win over the file's tags; the title falls back to the file's name."""
    stem = without_control_characters(PurePosixPath((filename or "").replace("\\", "/")).stem)
    return {
        "title": values.get("title") or info.title or stem[:200] or "Untitled",
        "artist": values.get("artist", info.artist),
        "album": values.get("album", info.album),
        "category": values.get("category") or (info.genres[:1] or [DEFAULT_CATEGORY])[0],
        "tags": values.get("tags", info.genres[1:]),
        **album_fields(info),
    }
