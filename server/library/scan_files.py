"""Reading one file of a music folder for the scanner: audio, skipped with a reason, or broken tags.

The file is only opened for reading. A file whose tags mutagen cannot parse but whose
audio ffprobe can still read is kept, titled from its name, with the reason recorded.
"""

import json
import subprocess
from dataclasses import dataclass

from server.library import store
from server.library.importer import AUDIO_SUFFIXES
from server.library.tags import AudioInfo, NotAudio, read_audio

PROBE_TIMEOUT_SECONDS = 30
# Only local files through the demuxers of the formats tags.py accepts.
PROBE_INPUT = ["-protocol_whitelist", "file", "-format_whitelist", "mp3,mov,ogg,flac,wav,aac"]
PROBED_FORMATS = {  # ffprobe format_name -> (MIME type, suffix)
    "mp3": ("audio/mpeg", ".mp3"),
    "mov,mp4,m4a,3gp,3g2,mj2": ("audio/mp4", ".m4a"),
    "ogg": ("audio/ogg", ".ogg"),
    "flac": ("audio/flac", ".flac"),
    "wav": ("audio/wav", ".wav"),
    "aac": ("audio/aac", ".aac"),
}
# Headers that state a bitrate independent of the file's size: fewer bytes than it implies
# means the file was cut short (FLAC's and Ogg's durations come from the data itself).
SIZED_BY_BITRATE = {"audio/mpeg", "audio/mp4"}
TRUNCATED_BELOW = 0.8


@dataclass
class Skipped:
    reason: str


@dataclass
class Read:
    info: AudioInfo
    digest: str
    tag_error: str | None = None
    cover: object = None  # import_worker.Cover, once scan_reader has made it (info.cover dropped)


def read_file(path, size):
    """Read (audio and its content hash) or Skipped; OSError when the file cannot be read."""
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        return Skipped("not an audio file")
    if size == 0:
        return Skipped("empty file")
    tag_error = None
    try:
        info = read_audio(path)
    except NotAudio as exc:
        why = str(exc).replace(f"{str(path)!r} ", "")  # mutagen names the whole path
        info = probe(path)
        if info is None:
            return Skipped(f"not audio: {why}")
        tag_error = f"broken tags ({why}); titled from the file name"
    if truncated(info, size):
        return Skipped(f"truncated: {size} bytes, its headers promise "
                       f"{expected_bytes(info):.0f}")
    return Read(info, store.file_hash(path), tag_error)


def expected_bytes(info):
    return info.bitrate / 8 * info.duration


def truncated(info, size):
    """Whether the file holds clearly fewer bytes than its headers' bitrate and duration."""
    return (info.mime_type in SIZED_BY_BITRATE and info.bitrate > 0
            and size < TRUNCATED_BELOW * expected_bytes(info))


def probe(path):
    """AudioInfo (no tags) from ffprobe, for a file mutagen refused; None when not audio."""
    try:
        result = subprocess.run(
            ["ffprobe", "-v", "error", *PROBE_INPUT, "-select_streams", "a:0",
             "-show_entries", "format=format_name,duration:stream=codec_type",
             "-of", "json", str(path)],
            capture_output=True, text=True, timeout=PROBE_TIMEOUT_SECONDS, check=False)
        found = json.loads(result.stdout or "{}")
        duration = float(found.get("format", {}).get("duration", 0))
    except (subprocess.TimeoutExpired, ValueError, OSError):
        return None
    kind = PROBED_FORMATS.get(found.get("format", {}).get("format_name"))
    if kind is None or not found.get("streams") or not 0.01 <= duration < 10**7:
        return None
    return AudioInfo(mime_type=kind[0], suffix=kind[1], duration=round(duration, 3))
