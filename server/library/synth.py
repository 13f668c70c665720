"""Making audio on this machine: tones with ffmpeg, speech with espeak-ng (when installed)."""

import shutil
import subprocess
from pathlib import Path

SAMPLE_RATE = 22050
CODECS = {  # suffix -> ffmpeg encoder arguments
    ".mp3": ["-c:a", "libmp3lame", "-q:a", "5"],
    ".ogg": ["-c:a", "libvorbis", "-q:a", "3"],
    ".opus": ["-c:a", "libopus", "-b:a", "48k"],
    ".m4a": ["-c:a", "aac", "-b:a", "64k"],
    ".flac": ["-c:a", "flac"],
    ".wav": ["-c:a", "pcm_s16le"],
}


def have_speech():
    return shutil.which("espeak-ng") is not None


def speak(text, wav_path, voice="en"):
    """Write text spoken by espeak-ng to a WAV file."""
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav_path), text],
                   check=True, capture_output=True, timeout=60)
    return Path(wav_path)


def note_inputs(notes):
    """ffmpeg lavfi inputs for (frequency Hz, seconds) pairs."""
    args = []
    for freq, seconds in notes:
        args += ["-f", "lavfi", "-i", f"sine=frequency={freq}:duration={seconds}"]
    return args


def render(out_path, *, notes=(), speech=None, tags=None, volume=0.35):
    """Encode speech (a WAV) followed by notes into out_path; the suffix picks the codec."""
    out_path = Path(out_path)
    inputs = ["-i", str(speech)] if speech else []
    inputs += note_inputs(notes)
    count = len(notes) + (1 if speech else 0)
    if count == 0:
        raise ValueError("nothing to render")
    chains, labels = [], []
    fmt = f"aformat=sample_fmts=fltp:sample_rates={SAMPLE_RATE}:channel_layouts=mono"
    for index in range(count):
        is_speech = speech is not None and index == 0
        # Notes are softened and faded out so they do not click.
        shaping = "" if is_speech else f",volume={volume},afade=t=out:st=0:d=0.05:curve=qsin"
        chains.append(f"[{index}:a]{fmt}{shaping}[a{index}]")
        labels.append(f"[a{index}]")
    graph = ";".join(chains) + ";" + "".join(labels) + f"concat=n={count}:v=0:a=1[out]"
    metadata = [arg for key, value in (tags or {}).items() if value
                for arg in ("-metadata", f"{key}={value}")]
    command = ["ffmpeg", "-nostdin", "-y", "-loglevel", "error", *inputs,
               "-filter_complex", graph, "-map", "[out]", *CODECS[out_path.suffix],
               *metadata, "-fflags", "+bitexact", "-flags:a", "+bitexact", str(out_path)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return out_path


def tone(out_path, *, seconds=1.0, freq=440, tags=None):
    """A single tone of the given length, encoded by out_path's suffix, with tags."""
    return render(out_path, notes=[(freq, seconds)], tags=tags, volume=0.5)


def embed_cover(mp3_path, jpeg_bytes):
    """Add a front-cover picture to an MP3's ID3 tags."""
    from mutagen.id3 import APIC, ID3

    tags = ID3(mp3_path)
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=jpeg_bytes))
    tags.save(mp3_path)
