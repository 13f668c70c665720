"""Taking a voice clip from a multipart request: size limit, check, transcode, store.

Everything is written in a scratch folder that is removed on the way out, so a clip that is
refused (not audio, too long, undecodable) leaves neither a record nor a file.
"""

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from server.errors import ApiError, ValidationError
from server.messages import voice, voice_files

FIELD = "audio"
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
    return upload


def with_voice_clip(upload, then):
    """Check and transcode the clip, store it, and return then(voice) for the stored clip."""
    max_seconds = current_app.config["VOICE_MAX_SECONDS"]
    with voice_files.scratch() as folder:
        source, target = folder / "upload", folder / "clip.mp3"
        if voice_files.save_stream(upload.stream, source, max_bytes()) is None:
            raise too_large()
        voice.check_upload(source, max_seconds)
        duration = voice.transcode(source, target, max_seconds)
        path, size = voice_files.store(target)
    return then({"path": path, "duration": round(duration, 3), "size": size,
                 "mime_type": voice.OUTPUT_MIME})
