"""Folders of distinct audio files made on this machine: WAV tones, or tagged MP3 albums."""

import array
import math
import tempfile
import wave
from pathlib import Path

RATE = 8000
CATEGORIES = ("Stories", "Songs", "Lullabies", "Sounds")
TRACKS_PER_ALBUM = 10
BASE_TONES = 8  # encoded once with ffmpeg; tags make every file distinct
COVER_SIZE = 600  # pixels: what most taggers embed


def write_tone(path, freq, seconds=0.5):
    """A mono 16-bit sine tone; distinct frequencies give distinct content hashes."""
    samples = array.array("h", (int(8000 * math.sin(2 * math.pi * freq * i / RATE))
                                for i in range(int(RATE * seconds))))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def write_library(folder, count):
    """count tones spread over category folders; returns the folder."""
    folder = Path(folder)
    for index in range(count):
        category = folder / CATEGORIES[index % len(CATEGORIES)]
        category.mkdir(parents=True, exist_ok=True)
        write_tone(category / f"Track {index:04d}.wav", 200 + index * 0.37)
    return folder


def write_albums(folder, count, first_album=0):
    """count MP3 files with ID3 tags and an embedded cover, in albums sharing a cover (as
    taggers write them), under Category/Album folders; returns the folder. Folders made
    with different first_album share no content."""
    from server.library import covers, synth

    folder = Path(folder)
    with tempfile.TemporaryDirectory() as tmp:
        bases = [synth.tone(Path(tmp) / f"base-{n}.mp3", seconds=2.0, freq=220 + 55 * n)
                 .read_bytes() for n in range(BASE_TONES)]
        albums = math.ceil(count / TRACKS_PER_ALBUM)
        for album in range(first_album, first_album + albums):
            numbers = range(album * TRACKS_PER_ALBUM,
                            min((first_album * TRACKS_PER_ALBUM) + count,
                                (album + 1) * TRACKS_PER_ALBUM))
            write_album(folder, album, bases, covers.generated_cover(
                f"Album {album}", f"Artist {album % 37}", size=COVER_SIZE), numbers)
    return folder


def write_album(folder, album, bases, cover, numbers):
    from mutagen.id3 import APIC, ID3, TALB, TCON, TIT2, TPE1, TRCK

    category = CATEGORIES[album % len(CATEGORIES)]
    album_dir = folder / category / f"Album {album:04d}"
    album_dir.mkdir(parents=True, exist_ok=True)
    for position, number in enumerate(numbers, start=1):
        path = album_dir / f"{position:02d} Track {number:05d}.mp3"
        path.write_bytes(bases[number % len(bases)])
        tags = ID3()
        for frame in (TIT2(text=f"Track {number:05d}"), TPE1(text=f"Artist {album % 37}"),
                      TALB(text=f"Album {album:04d}"), TCON(text=category),
                      TRCK(text=str(position)),
                      APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=cover)):
            tags.add(frame)
        tags.save(path)
