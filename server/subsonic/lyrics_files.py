"""A track's lyrics: a sidecar .lrc beside a music folder's file, else the embedded tags.

Read when asked (lyrics are rare and small): mutagen for ID3 USLT, Vorbis LYRICS and MP4
©lyr; LRC time tags [mm:ss.xx] make the lines synced.
"""

import re
from pathlib import Path

import mutagen

from server.errors import ApiError
from server.library import folders, serving

LRC_LINE = re.compile(r"^\[(\d{1,3}):(\d{2})(?:[.:](\d{1,3}))?\](.*)$")
MAX_BYTES = 256 * 1024
VORBIS_KEYS = ("lyrics", "unsyncedlyrics")


def sidecar_text(doc):
    """The .lrc file beside the track's file in its music folder, if any."""
    if not folders.in_place(doc):
        return None
    path = folders.track_file(doc)
    lrc = Path(path).with_suffix(".lrc") if path else None
    if lrc is None or not lrc.is_file() or lrc.stat().st_size > MAX_BYTES:
        return None
    return lrc.read_text(encoding="utf-8", errors="replace")


def embedded_text(doc):
    try:
        audio = mutagen.File(serving.audio_file(doc)[0])
    except (ApiError, mutagen.MutagenError, OSError):
        return None
    tags = getattr(audio, "tags", None)
    if not tags:
        return None
    for key in getattr(tags, "keys", list)():
        lowered = str(key).lower()
        if lowered.startswith("uslt") or lowered == "\xa9lyr" or lowered in VORBIS_KEYS:
            value = tags[key]
            text = getattr(value, "text", value)
            return text[0] if isinstance(text, list) else str(text)
    return None


def parse(text):
    """(synced, [{"start": ms?, "value": line}]) of lyrics text, LRC or plain."""
    lines, synced = [], False
    for raw in text.splitlines():
        match = LRC_LINE.match(raw.strip())
        if match:
            minutes, seconds, fraction, words = match.groups()
            millis = int((fraction or "0").ljust(3, "0")[:3])
            lines.append({"start": (int(minutes) * 60 + int(seconds)) * 1000 + millis,
                          "value": words.strip()})
            synced = True
        elif raw.strip() and not raw.strip().startswith("["):
            lines.append({"value": raw.strip()})
    if synced:
        lines = [line for line in lines if "start" in line]
    return synced, lines


def lyrics_of(doc):
    """(synced, lines) of the track's lyrics, or None when it has none."""
    text = sidecar_text(doc) or embedded_text(doc)
    if not text or not text.strip():
        return None
    return parse(text)
