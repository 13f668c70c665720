"""The demo library: short tracks generated on this machine (never downloaded).

Each track speaks its title with espeak-ng when it is installed, then plays a little tune
made of ffmpeg tones; it is encoded as MP3 (which every browser plays) with real ID3 tags
and a generated cover, then imported like any folder. The output is deterministic, so
loading the demo twice adds nothing the second time.
"""

import tempfile
from pathlib import Path

from server.library import covers, importer, synth, tracks

ARTIST = "Tapcast Demo"
SCALE = (262, 294, 330, 349, 392, 440, 494, 523, 587, 659)

# (category, title, what is said after the title, tune as scale steps)
CATALOGUE = (
    ("Stories", "The Brave Little Fox", "A fox who was afraid of the dark.", (0, 2, 4)),
    ("Stories", "Moon and the Sleepy Owl", "The owl who could not sleep at night.", (4, 2, 0)),
    ("Stories", "The Lost Red Balloon", "A balloon floats over the town.", (2, 4, 7)),
    ("Stories", "Captain Pip at Sea", "A tiny captain sails a great big sea.", (7, 4, 2, 0)),
    ("Songs", "Counting Stars", "One, two, three, four, five.", (0, 0, 4, 4, 5, 5, 4)),
    ("Songs", "The Rainy Day Song", "Pitter, patter, pitter, patter.", (4, 2, 4, 2, 0, 2, 4)),
    ("Songs", "Dance of the Busy Bees", "Buzz, buzz, buzz.", (0, 2, 4, 5, 7, 5, 4, 2)),
    ("Songs", "Good Morning Sunshine", "Wake up, it is a brand new day.", (0, 4, 7, 9, 7, 4)),
    ("Lullabies", "Hush Little One", "Close your eyes and rest.", (4, 2, 0, 2, 4, 4, 4)),
    ("Lullabies", "Starlight Cradle", "The stars are watching over you.", (7, 5, 4, 2, 0)),
    ("Lullabies", "Soft Clouds", "Drifting, drifting, far away.", (2, 0, 2, 4, 2, 0)),
    ("Sounds", "Morning Birds", "Listen to the birds.", (9, 7, 9, 7, 9, 8)),
    ("Sounds", "Ocean Waves", "The sea rolls in and out.", (0, 1, 0, 1, 0)),
    ("Sounds", "Train Whistle", "All aboard!", (5, 7, 5, 7, 9)),
)


def library_has_tracks():
    return tracks.collection().find_one({}, {"_id": 1}) is not None


def tune(steps, slow):
    """(frequency, seconds) notes for scale steps; lullabies play slower and lower."""
    length = 0.6 if slow else 0.3
    return [(SCALE[step] // (2 if slow else 1), length) for step in steps]


def make_track(folder, number, entry):
    """Render one demo track as an MP3 with tags and an embedded cover."""
    category, title, line, steps = entry
    out = Path(folder) / category / f"{number:02d} {title}.mp3"
    out.parent.mkdir(parents=True, exist_ok=True)
    speech = None
    if synth.have_speech():
        speech = synth.speak(f"{title}. {line}", Path(folder) / f"speech-{number}.wav")
    tags = {"title": title, "artist": ARTIST, "album": f"Tapcast {category}",
            "genre": category, "track": str(number)}
    synth.render(out, notes=tune(steps, category == "Lullabies"), speech=speech, tags=tags)
    synth.embed_cover(out, covers.generated_cover(title, category))
    if speech:
        speech.unlink()
    return out


def generate(folder):
    """Write every demo track under folder; returns their paths."""
    return [make_track(folder, n, entry) for n, entry in enumerate(CATALOGUE, start=1)]


def load_demo():
    """Generate the demo tracks in a temporary folder and import them; the import summary."""
    with tempfile.TemporaryDirectory(prefix="tapcast-demo-") as folder:
        generate(folder)
        return importer.import_directory(folder)
