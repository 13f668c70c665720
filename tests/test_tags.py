"""Reading untrusted audio: damaged files are NotAudio, never a crash."""

import random

import pytest

from server.library.tags import NotAudio, read_audio


@pytest.mark.parametrize("suffix", [".mp3", ".ogg", ".opus", ".m4a", ".flac", ".wav"])
def test_damaged_files_are_not_audio_or_read_never_crash(make_audio, tmp_path, suffix):
    original = make_audio(seconds=0.5, freq=450, suffix=suffix, title="Fuzz").read_bytes()
    rng = random.Random(suffix)  # the same damage on every run
    target = tmp_path / "damaged"
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            # Mostly the headers, where the parsers' assumptions live.
            position = rng.randrange(min(len(data), 400) if rng.random() < 0.7 else len(data))
            data[position] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[:rng.randrange(len(data))]
        target.write_bytes(data)
        try:
            info = read_audio(target)
        except NotAudio:
            continue
        assert info.duration > 0


@pytest.mark.parametrize("content", [b"", b"ID3", b"OggS" + b"\0" * 40, b"RIFF\0\0\0\0WAVE",
                                     b"fLaC", b"\xff\xfb" * 10, b"<html></html>"])
def test_truncated_headers_are_not_audio(tmp_path, content):
    target = tmp_path / "file"
    target.write_bytes(content)
    with pytest.raises(NotAudio):
        read_audio(target)
