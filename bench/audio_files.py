"""Folders of small, distinct WAV files made in Python (fast, no encoder needed)."""

import array
import math
import wave
from pathlib import Path

RATE = 8000
CATEGORIES = ("Stories", "Songs", "Lullabies", "Sounds")


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
