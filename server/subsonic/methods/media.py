"""stream, download, getCoverArt: the same files as /media/, with Range; never a play.

A play is counted by scrobble (server.subsonic.methods.annotation), not by streaming: a
client prefetching the next song has not listened to it.
"""

from server.api.media import COVER_MAX_AGE, send_media
from server.library import covers, serving
from server.library import tracks as library_tracks
from server.subsonic import ids, transcode
from server.subsonic.errors import not_found
from server.subsonic.methods.albums import album_cover_track
from server.subsonic.methods.browsing import track_of
from server.subsonic.registry import method

MAX_OFFSET = 7 * 24 * 3600


def file_response(doc):
    path, mime_type, etag = serving.audio_file(doc)
    response = send_media(path, mimetype=mime_type, etag=etag, max_age=0)
    response.cache_control.no_cache = True
    return response


@method("stream")
def stream(params):
    """The song as stored (Range, 206), or transcoded by ffmpeg for format/maxBitRate/timeOffset."""
    doc = track_of(params)
    chosen = transcode.plan(doc, params.get("format"),
                            params.int("maxBitRate", 0, low=0, cap=transcode.MAX_KBPS),
                            params.int("timeOffset", 0, low=0, high=MAX_OFFSET))
    if chosen is None:
        return file_response(doc)
    path = serving.audio_file(doc)[0]
    return transcode.response(path, *chosen)


@method("download")
def download(params):
    """The original file, never transcoded."""
    return file_response(track_of(params))


def cover_track(value):
    """The track whose cover a coverArt id shows (a song's, an album's first song's)."""
    kind, key = ids.cover_owner(value)
    if kind == ids.TRACK:
        doc = library_tracks.find_track(ids.object_id_of(f"{kind}-{key}", kind))
    else:
        doc = album_cover_track(kind, key)
    if doc is None:
        raise not_found("Cover art")
    return doc


@method("getCoverArt")
def get_cover_art(params):
    """The cover: the thumbnail for a size up to its width, else the full cover."""
    doc = cover_track(params.required("id"))
    size = params.int("size", None, low=1, cap=4096)
    chosen = "thumb" if size is not None and size <= covers.THUMB_SIZE else "full"
    path, mime_type, etag = serving.cover_file(doc, chosen)
    return send_media(path, mimetype=mime_type, etag=etag, max_age=COVER_MAX_AGE)
