"""/media/tracks/<id>/audio and /cover: files with Range, ETag and Last-Modified support."""

from flask import Blueprint, Response, current_app, request, send_file
from werkzeug.wsgi import FileWrapper

from server.errors import ApiError, ValidationError
from server.library import cover_urls, serving, tracks
from server.subsonic import transcode
from server.subsonic.errors import SubsonicError

bp = Blueprint("media", __name__, url_prefix="/media")
COVER_MAX_AGE = 365 * 24 * 3600  # a current versioned cover URL names those bytes for good
READ_SIZE = 256 * 1024


def file_wrapper(file, buffer_size=READ_SIZE):
    return FileWrapper(file, max(buffer_size, READ_SIZE))


def send_media(path, **options):
    """send_file with Range/ETag support, reading large blocks, or handed to the front server.

    gevent's server has no wsgi.file_wrapper, so Werkzeug would read files 8 KiB at a time;
    larger reads make streaming several times cheaper.
    """
    if current_app.config["MEDIA_ACCEL_REDIRECT"] and serving.in_store(path):
        return serving.accel_redirect(path, options["mimetype"], options["max_age"])
    request.environ.setdefault("wsgi.file_wrapper", file_wrapper)
    return send_file(path, conditional=True, **options)


@bp.get("/tracks/<oid:track_id>/audio")
def track_audio(track_id):
    """The track's audio (206 for a Range request, 304 when the client's copy is current);
    with max_bitrate (the app's data saver), MP3 transcoded by ffmpeg when the file is larger."""
    track = tracks.get_track_or_404(track_id)
    path, mime_type, etag = serving.audio_file(track)
    saver = data_saver(track, path)
    if saver is not None:
        return saver
    response = send_media(path, mimetype=mime_type, etag=etag, max_age=0)
    response.cache_control.no_cache = True
    return response


def data_saver(track, path):
    """The transcoded answer for ?max_bitrate=N (kb/s), or None to send the file."""
    raw = request.args.get("max_bitrate")
    if raw is None:
        return None
    if not raw.isdigit() or not transcode.MIN_KBPS <= int(raw) <= transcode.MAX_KBPS:
        raise ValidationError({"max_bitrate": f"must be {transcode.MIN_KBPS} to "
                                              f"{transcode.MAX_KBPS} (kb/s)"})
    chosen = transcode.plan(track, None, int(raw), 0)
    if chosen is None:
        return None
    try:
        return transcode.response(path, *chosen)
    except SubsonicError as error:
        raise ApiError(503, "transcoding_busy", error.message,
                       headers={"Retry-After": "5"}) from None


@bp.get("/tracks/<oid:track_id>/cover")
def track_cover(track_id):
    """The track's cover (size=full or thumb), or the default cover when it has none;
    cached for good when `v` names the current cover, else revalidated by its ETag."""
    size = request.args.get("size", "full")
    if size not in serving.COVER_SIZES:
        raise ValidationError({"size": "must be full or thumb"})
    track = tracks.get_track_or_404(track_id)
    path, mime_type, etag = serving.cover_file(track, size)
    current = cover_urls.is_current(track, request.args.get("v"))
    response = send_media(path, mimetype=mime_type, etag=etag,
                          max_age=COVER_MAX_AGE if current else 0)
    return cover_caching(response, current)


def cover_caching(response, current):
    """For good when v names the current cover; else revalidated by the ETag every time.

    A stale v (a list read before a rescan, another process's older catalogue) still gets
    the current cover, but those bytes are not the ones v named, so never for good.
    """
    if current:
        response.cache_control.public = True  # send_file sets it; an X-Accel-Redirect not
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
    return response


@bp.after_request
def media_decision(response):
    """The front server's question (X-Media-Decision): may it send the file itself?

    nginx keeps a yes for a few seconds (deploy/nginx), so only a 200 naming a stored file by
    X-Accel-Redirect is one; everything else (an unknown track, a file in a music folder) is
    an empty 403, and nginx then passes the request itself on to be answered as usual.
    """
    if not request.headers.get("X-Media-Decision") or not current_app.config[
            "MEDIA_ACCEL_REDIRECT"]:
        return response
    if response.status_code == 200 and "X-Accel-Redirect" in response.headers:
        return response
    response.close()  # a file the server would have sent itself
    return Response(status=403)
