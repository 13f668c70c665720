"""Is an uploaded audio file whole? Its packets must reach (nearly) the duration its headers claim.

mutagen reads the duration from headers (an MP3's Xing frame count, a WAV's data size), so the
first 700 bytes of a 3 s MP3 "last" 3.03 s. A bitrate x size check would be cheap but wrong for
VBR Vorbis (nominal bitrate) and FLAC (bitrate derived from the size). ffmpeg demuxing the file
without decoding (`-c copy`) reports where its last packet starts: the truth, at a few
milliseconds per minute of audio, in a child process (never on the event loop).
"""

import subprocess

from server.errors import ValidationError

FFMPEG_TIMEOUT_SECONDS = 60
# Only local files through the demuxers of the formats tags.py accepts: a file cannot make
# ffmpeg read anything else (a playlist, a concat list).
TRACK_INPUT = ["-protocol_whitelist", "file", "-format_whitelist", "mp3,mov,ogg,flac,wav,aac"]
SLACK_SECONDS = 0.5  # the last packet's length, and encoders' padding
SLACK_FRACTION = 0.05


def packet_seconds(path, safe_input=TRACK_INPUT):
    """Where the last audio packet of path starts, in seconds (0 when there is none)."""
    try:
        result = subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", *safe_input, "-i", str(path), "-map", "0:a:0",
             "-c", "copy",
             "-f", "null", "-progress", "pipe:1", "-"],
            capture_output=True, text=True, timeout=FFMPEG_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return 0.0
    times = [line.partition("=")[2] for line in result.stdout.splitlines()
             if line.startswith("out_time_us=")]
    try:
        return max(0, int(times[-1])) / 1_000_000 if times else 0.0
    except ValueError:  # "N/A" when no packet was read
        return 0.0


def require_complete(path, duration):
    """422 truncated_audio when the file's packets stop well short of its claimed duration."""
    present = packet_seconds(path)
    if present + SLACK_SECONDS < duration * (1 - SLACK_FRACTION):
        raise ValidationError({"audio": f"the file is truncated: {present:.2f} s of the "
                               f"{duration:.2f} s its headers claim"})
