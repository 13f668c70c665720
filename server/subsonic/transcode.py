"""Transcoding with ffmpeg as a streamed child process (stream's format, maxBitRate, timeOffset).

ffmpeg gets an argument list (never a shell) and writes to a pipe that the response reads
as it goes, so the first bytes leave at once. At most TRANSCODE_MAX_PROCESSES run per
process (a call waits TRANSCODE_WAIT_SECONDS for a free one, then is refused); the child is
killed as soon as the response is closed: when it ends, and when the client goes away.
"""

import subprocess
import threading

from flask import Response, current_app

from server.subsonic.errors import GENERIC, SubsonicError

READ_SIZE = 64 * 1024
CODECS = {  # format -> (ffmpeg output arguments, MIME type, default kbps)
    "mp3": (["-codec:a", "libmp3lame", "-f", "mp3"], "audio/mpeg", 128),
    "opus": (["-codec:a", "libopus", "-f", "ogg"], "audio/ogg", 96),
}
NATIVE = {"mp3": "audio/mpeg", "opus": "audio/ogg"}
MIN_KBPS, MAX_KBPS = 32, 320
_slots = {}  # app name -> BoundedSemaphore
_slots_lock = threading.Lock()


def source_kbps(doc):
    duration = doc.get("duration") or 0
    return doc.get("size", 0) * 8 / duration / 1000 if duration else 0


def plan(doc, fmt, max_kbps, offset):
    """(format, kbps, offset) to transcode to, or None to send the file as it is."""
    fmt = (fmt or "").lower()
    if fmt == "raw" or (fmt and fmt not in CODECS):
        return None
    lower_rate = bool(max_kbps) and max_kbps < source_kbps(doc)
    same_format = not fmt or NATIVE.get(fmt) == doc.get("mime_type")
    if same_format and not lower_rate and not offset:
        return None
    target = fmt or "mp3"
    kbps = max_kbps or CODECS[target][2]
    return target, max(MIN_KBPS, min(MAX_KBPS, kbps)), offset


def slots():
    app = current_app._get_current_object()
    with _slots_lock:
        if app.name not in _slots:
            _slots[app.name] = threading.BoundedSemaphore(app.config["TRANSCODE_MAX_PROCESSES"])
        return _slots[app.name]


def command(path, fmt, kbps, offset):
    codec_args = CODECS[fmt][0]
    seek = ["-ss", f"{offset:.3f}"] if offset else []
    return ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", *seek, "-i", str(path),
            "-map", "0:a:0", "-vn", "-b:a", f"{kbps}k", *codec_args, "pipe:1"]


class Transcoding:
    """The response body: ffmpeg's output as it comes; close() kills ffmpeg, frees the slot."""

    def __init__(self, args, slot):
        self.slot = slot
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.closed = False

    def __iter__(self):
        while True:
            chunk = self.process.stdout.read(READ_SIZE)
            if not chunk:
                return
            yield chunk

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self.process.poll() is None:
            self.process.kill()
        self.process.stdout.close()
        self.process.wait()
        self.slot.release()


def response(path, fmt, kbps, offset):
    """The streamed transcoding of the file; error 0 when every slot stays busy."""
    slot = slots()
    if not slot.acquire(timeout=current_app.config["TRANSCODE_WAIT_SECONDS"]):
        raise SubsonicError(GENERIC, "Too many transcodings at once; try again shortly")
    try:
        body = Transcoding(command(path, fmt, kbps, offset), slot)
    except OSError:
        slot.release()
        raise SubsonicError(GENERIC, "Transcoding is unavailable (ffmpeg did not start)") from None
    result = Response(body, mimetype=CODECS[fmt][1], direct_passthrough=True)
    result.call_on_close(body.close)
    result.headers["Cache-Control"] = "no-store"
    return result
