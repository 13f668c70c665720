"""Reading audio files with mutagen: format, duration, tags and embedded cover art.

A file is audio when mutagen recognises its content as one of the formats browsers play;
its name and any declared content type are never consulted.
"""

import base64
import binascii
import re
import struct
from dataclasses import dataclass, field

import mutagen
from mutagen.flac import Picture

# mutagen class name -> (MIME type, file suffix in the media store)
FORMATS = {
    "MP3": ("audio/mpeg", ".mp3"),
    "EasyMP3": ("audio/mpeg", ".mp3"),
    "MP4": ("audio/mp4", ".m4a"),
    "EasyMP4": ("audio/mp4", ".m4a"),
    "AAC": ("audio/aac", ".aac"),
    "OggVorbis": ("audio/ogg", ".ogg"),
    "OggOpus": ("audio/ogg", ".opus"),
    "FLAC": ("audio/flac", ".flac"),
    "WAVE": ("audio/wav", ".wav"),
}


class NotAudio(Exception):
    """The file is not audio Tapcast can serve; the message says why."""


@dataclass
class AudioInfo:
    mime_type: str
    suffix: str
    duration: float
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    genres: list = field(default_factory=list)
    album_artist: str | None = None
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    compilation: bool = False
    cover: bytes | None = None
    bitrate: int = 0  # bits/s as the headers state it (0 when unknown)


def read_audio(path):
    """AudioInfo for the file at path; NotAudio when it cannot be read as supported audio."""
    try:
        return parse_audio(path)
    except NotAudio:
        raise
    except Exception as exc:
        # Untrusted input: mutagen raises more than MutagenError on malformed files
        # (IndexError on some damaged Ogg pages, found by fuzzing), and so may tag parsing.
        raise NotAudio(f"unreadable audio: {exc}") from None


def parse_audio(path):
    audio = mutagen.File(path)
    if audio is None:
        raise NotAudio("not a recognised audio format")
    kind = type(audio).__name__
    if kind not in FORMATS:
        raise NotAudio(f"unsupported audio format {kind}")
    length = getattr(audio.info, "length", 0) or 0
    if not 0.01 <= length < 10**7:  # also rejects NaN from damaged headers
        raise NotAudio("audio has no usable duration")
    mime_type, suffix = FORMATS[kind]
    info = AudioInfo(mime_type=mime_type, suffix=suffix, duration=round(float(length), 3),
                     bitrate=int(getattr(audio.info, "bitrate", 0) or 0))
    fill_tags(info, audio)
    if kind == "WAVE" and not info.title:
        read_riff_info(info, path)
    return info


def fill_tags(info, audio):
    tags = audio.tags
    if tags is None:
        return
    if hasattr(tags, "getall"):  # ID3 (MP3, WAVE)
        read_id3(info, tags)
    elif type(audio).__name__ in ("MP4", "EasyMP4"):
        read_mp4(info, tags)
    else:  # Vorbis comments (Ogg, Opus, FLAC)
        read_vorbis(info, tags, getattr(audio, "pictures", []))


def first_text(values):
    for value in values or ():
        text = str(value).strip()
        if text:
            return text
    return None


def all_texts(values):
    return [str(v).strip() for v in values or () if str(v).strip()]


def position(value):
    """The number of a "3/12"-style position (or an MP4 (3, 12) pair); None when absent."""
    if isinstance(value, tuple):
        value = value[0] if value else None
    match = re.match(r"\s*(\d{1,4})", str(value)) if value is not None else None
    number = int(match.group(1)) if match else 0
    return number or None


def year_of(value):
    """The year of a date tag ("1999", "1999-05-01", an ID3 timestamp); None when absent."""
    match = re.match(r"\s*(\d{4})", str(value)) if value is not None else None
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def split_genres(values):
    """Distinct genres; one value may hold several separated by ";" (a common convention)."""
    found = {}
    for value in all_texts(values):
        for genre in value.split(";"):
            if genre.strip():
                found.setdefault(genre.strip().casefold(), genre.strip())
    return list(found.values())


def flag(value):
    return first_text(value) in ("1", "True", "true", "yes")


def read_id3(info, tags):
    def texts(frame_id):
        return [t for frame in tags.getall(frame_id) for t in frame.text]

    info.title = first_text(texts("TIT2"))
    info.artist = first_text(texts("TPE1"))
    info.album = first_text(texts("TALB"))
    info.album_artist = first_text(texts("TPE2"))
    info.genres = split_genres([g for frame in tags.getall("TCON") for g in frame.genres])
    info.track_number = position(first_text(texts("TRCK")))
    info.disc_number = position(first_text(texts("TPOS")))
    info.year = year_of(first_text(texts("TDRC")) or first_text(texts("TYER")))
    info.compilation = flag(texts("TCMP"))
    pictures = tags.getall("APIC")
    front = [p for p in pictures if p.type == 3] or pictures
    info.cover = front[0].data if front else None


def read_mp4(info, tags):
    info.title = first_text(tags.get("\xa9nam"))
    info.artist = first_text(tags.get("\xa9ART"))
    info.album = first_text(tags.get("\xa9alb"))
    info.album_artist = first_text(tags.get("aART"))
    info.genres = split_genres(tags.get("\xa9gen"))
    info.track_number = position((tags.get("trkn") or [None])[0])
    info.disc_number = position((tags.get("disk") or [None])[0])
    info.year = year_of(first_text(tags.get("\xa9day")))
    info.compilation = bool(tags.get("cpil"))
    covers = tags.get("covr") or []
    info.cover = bytes(covers[0]) if covers else None


def read_vorbis(info, tags, pictures):
    info.title = first_text(tags.get("title"))
    info.artist = first_text(tags.get("artist"))
    info.album = first_text(tags.get("album"))
    info.album_artist = first_text(tags.get("albumartist") or tags.get("album artist"))
    info.genres = split_genres(tags.get("genre"))
    info.track_number = position(first_text(tags.get("tracknumber")))
    info.disc_number = position(first_text(tags.get("discnumber")))
    info.year = year_of(first_text(tags.get("date") or tags.get("year")))
    info.compilation = flag(tags.get("compilation"))
    if pictures:
        info.cover = pictures[0].data
        return
    for encoded in tags.get("metadata_block_picture") or ():
        try:
            info.cover = Picture(base64.b64decode(encoded)).data
            return
        except (binascii.Error, mutagen.MutagenError, ValueError):
            continue


RIFF_INFO = {b"INAM": "title", b"IART": "artist", b"IPRD": "album", b"IGNR": "genre"}


def riff_chunks(data):
    """(chunk id, body) pairs of a RIFF structure, as far as data reaches."""
    offset = 0
    while offset + 8 <= len(data):
        (size,) = struct.unpack("<I", data[offset + 4:offset + 8])
        yield data[offset:offset + 4], data[offset + 8:offset + 8 + size]
        offset += 8 + size + (size & 1)  # chunks are word-aligned


def read_riff_info(info, path):
    """Tags from a WAV file's LIST/INFO chunk (what ffmpeg and most editors write)."""
    with open(path, "rb") as handle:
        data = handle.read(4 * 1024 * 1024)  # INFO sits before or just after the header
    for chunk_id, body in riff_chunks(data[12:]):
        if chunk_id == b"LIST" and body[:4] == b"INFO":
            for entry_id, raw in riff_chunks(body[4:]):
                apply_info_entry(info, entry_id, raw)
            return


def apply_info_entry(info, entry_id, raw):
    text = raw.split(b"\0")[0].decode("utf-8", "replace").strip()
    name = RIFF_INFO.get(entry_id)
    if name == "genre" and text:
        info.genres = split_genres([text])
    elif name and text:
        setattr(info, name, text)
