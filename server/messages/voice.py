"""Voice clips: check an upload with ffprobe and a packet count, transcode it to MP3 with ffmpeg.

Both tools run as subprocesses with an argument list (never a shell string). The only path
they see is a temporary name the server chose, and they may only open local files through
the demuxers listed in DEMUXERS, so a playlist or a reference file cannot make them read
anything else.
"""

import json
import logging
import subprocess
import threading

from server.errors import ApiError
from server.library.completeness import packet_seconds

log = logging.getLogger(__name__)

# Containers the phone (HTML5+: AMR, AAC, 3GP/M4A, MP3, WAV) and browsers (WebM, OGG) record.
DEMUXERS = "amr,aac,mp3,mov,matroska,ogg,wav"
SAFE_INPUT = ["-protocol_whitelist", "file", "-format_whitelist", DEMUXERS]
# One format every receiver plays: MP3, mono, 64 kb/s (about 480 KB a minute).
OUTPUT_ARGS = ["-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
               "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"]
OUTPUT_MIME = "audio/mpeg"
# Containers round durations up a little (an AMR or WebM of exactly 60 s reads 60.0x).
DURATION_SLACK = 0.5
TOOL_TIMEOUT = 60
# ffmpeg takes ~0.3 s and ~60 MB for a minute of audio; bound how many run at once per process.
TRANSCODE_SLOTS = threading.BoundedSemaphore(4)
SLOT_WAIT_SECONDS = 20


def run_tool(args):
    """Run ffprobe/ffmpeg; (returncode, stdout, stderr), or None when it hangs."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=TOOL_TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        log.warning("%s timed out", args[0])
        return None
    return done.returncode, done.stdout, done.stderr


def probe(path):
    """{"format", "codec", "duration" (None when the container does not say)}; None if not audio."""
    result = run_tool(["ffprobe", "-v", "error", *SAFE_INPUT, "-show_entries",
                       "format=format_name,duration:stream=codec_type,codec_name,duration",
                       "-of", "json", str(path)])
    if result is None or result[0] != 0:
        return None
    try:
        info = json.loads(result[1] or b"{}")
    except ValueError:
        return None
    audio = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    if not audio:
        return None
    fmt = info.get("format", {})
    return {"format": fmt.get("format_name"), "codec": audio[0].get("codec_name"),
            "duration": seconds(fmt.get("duration")) or seconds(audio[0].get("duration"))}


def seconds(raw):
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def check_upload(path, max_seconds):
    """Refuse what is not audio (415) or says it is longer than the limit (422)."""
    info = probe(path)
    if info is None:
        raise ApiError(415, "not_audio",
                       "The file is not a voice clip in a supported format",
                       {"accepted": DEMUXERS.split(",")})
    # Recorders often write no duration (MediaRecorder's WebM) and a header may understate it:
    # the packets decide, counted without decoding, so an over-long clip is never transcoded.
    check_length(max(info["duration"] or 0, packet_seconds(path, SAFE_INPUT)), max_seconds)
    return info


def check_length(duration, max_seconds):
    if duration > max_seconds + DURATION_SLACK:
        raise ApiError(422, "clip_too_long",
                       f"A voice clip may last at most {max_seconds} seconds",
                       {"limit_seconds": max_seconds, "duration": round(duration, 2)})


def transcode(source, target, max_seconds):
    """Write `source` as MP3 to `target` and return its duration; 422 when ffmpeg fails.

    check_upload measured the clip already; decoding still stops one second past the limit,
    and the output's own duration decides.
    """
    if not TRANSCODE_SLOTS.acquire(timeout=SLOT_WAIT_SECONDS):
        raise ApiError(503, "busy", "Too many voice clips are being processed; try again",
                       headers={"Retry-After": "5"})
    try:
        result = run_tool(["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", *SAFE_INPUT,
                           "-i", str(source), *OUTPUT_ARGS, "-t", str(max_seconds + 1),
                           "-y", str(target)])
    finally:
        TRANSCODE_SLOTS.release()
    if result is None or result[0] != 0:
        reason = "timed out" if result is None else result[2].decode("utf-8", "replace")[-300:]
        log.info("transcode failed: %s", reason)
        raise ApiError(422, "transcode_failed", "The voice clip could not be decoded",
                       {"reason": "the audio data is damaged or unsupported"})
    info = probe(target)
    if info is None or info["duration"] is None:
        raise ApiError(422, "transcode_failed", "The voice clip holds no audio",
                       {"reason": "no audio decoded"})
    check_length(info["duration"], max_seconds)
    return info["duration"]
