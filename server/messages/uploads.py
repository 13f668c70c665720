"""Taking a voice clip from a multipart request: size limit, check, transcode, store.

The upload and ffmpeg's output live in the media store's staging area (MEDIA_ROOT/tmp) and
are removed on the way out, so a clip that is refused (not audio, too long, undecodable)
leaves neither a record nor a file; only the MP3 is committed, content-addressed.
"""

import os
from pathlib import Path

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from server.errors import ApiError, ValidationError
from server.library import store
from server.messages import voice

FIELD = "audio"
KIND, SUFFIX = "voice", ".mp3"
# Room for the multipart boundaries and headers around the clip itself.
MULTIPART_OVERHEAD = 64 * 1024


def max_bytes():
    return current_app.config["VOICE_MAX_MB"] * 1024 * 1024


def too_large():
    limit = max_bytes()
    return ApiError(413, "clip_too_large",
                    f"A voice clip may be at most {limit // (1024 * 1024)} MB",
                    {"limit_bytes": limit})


def voice_upload():
    """The uploaded clip of a multipart request; 413 before reading when it is too big."""
    limit = max_bytes() + MULTIPART_OVERHEAD
    if request.content_length is not None and request.content_length > limit:
        raise too_large()
    request.max_content_length = limit  # also bounds a body sent without Content-Length
    try:
        upload = request.files.get(FIELD)
    except RequestEntityTooLarge:
        raise too_large() from None
    if upload is None:
        raise ValidationError({FIELD: "attach the voice clip as the multipart field 'audio'"})
    if stream_size(upload.stream) > max_bytes():
        raise too_large()
    return upload


def stream_size(stream):
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def with_voice_clip(upload, then):
    """Check and transcode the clip, store it, and return then(voice) for the stored clip."""
    max_seconds = current_app.config["VOICE_MAX_SECONDS"]
    with store.stage_stream(upload.stream) as source:
        # Beside the upload, named like it, so the store's sweep clears it after a crash.
        target = Path(f"{source.path}.mp3")
        try:
            voice.check_upload(source.path, max_seconds)
            duration = voice.transcode(source.path, target, max_seconds)
            with store.stage_file(target) as clip:
                path = clip.commit(KIND, SUFFIX)
        finally:
            target.unlink(missing_ok=True)
    return then({"path": path, "duration": round(duration, 3), "size": clip.size,
                 "mime_type": voice.OUTPUT_MIME})
