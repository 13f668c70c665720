"""Music folders for the tests: real files of every format, and the checksums of a tree;
scanning one with an app whose MUSIC_FOLDERS names it, and reading the result back."""

import hashlib
from pathlib import Path

from mutagen.id3 import ID3

from server.library import scanner
from tests import builders

# relative path -> (suffix, tags, frequency): a distinct tone per file, so distinct content
LIBRARY = {
    "Rock/Band/one.mp3": (".mp3", {"title": "One Song", "artist": "Band", "genre": "Rock"}, 330),
    "Rock/Band/two.mp3": (".mp3", {"title": "Two Song", "artist": "Band", "genre": "Rock"}, 350),
    "Jazz/three.flac": (".flac", {"title": "Three Flac", "artist": "Trio"}, 370),
    "Jazz/four.m4a": (".m4a", {"title": "Four Aac", "artist": "Trio"}, 390),
    "Stories/five.ogg": (".ogg", {"title": "Five Vorbis", "album": "Tales"}, 410),
    "Stories/six.opus": (".opus", {"title": "Six Opus", "album": "Tales"}, 430),
}
ID3_V23 = "Rock/Band/two.mp3"  # ffmpeg writes ID3v2.4; this one is saved back as v2.3


def write_library(root, audio_dir):
    """Write LIBRARY under root (one file as ID3v2.3); root."""
    for rel, (suffix, tags, freq) in LIBRARY.items():
        copy(builders.make_audio(audio_dir, seconds=1.0, freq=freq, suffix=suffix, **tags),
             root / rel)
    tags = ID3(root / ID3_V23)
    tags.save(root / ID3_V23, v2_version=3)
    return root


def copy(source, target):
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(Path(source).read_bytes())
    return target


def checksums(root):
    """{relative path: SHA-256 of content, or link target} for everything under root."""
    root = Path(root)
    sums = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            sums[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            sums[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def scan(music_app):
    with music_app.app_context():
        return scanner.scan(music_app.config["MUSIC_FOLDERS"])


def fetch(music_app, url, **options):
    """(status, body) of a GET, the response closed (send_file keeps the file open)."""
    response = music_app.test_client().get(url, **options)
    status, body = response.status_code, response.data
    response.close()
    return status, body


def listed(music_app):
    """{title: track as the API lists it}."""
    response = music_app.test_client().get("/api/v1/tracks?per_page=100")
    assert response.status_code == 200
    return {track["title"]: track for track in response.get_json()["items"]}
