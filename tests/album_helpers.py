"""A music folder of albums for the tests: real audio, tags written with mutagen.

    write_albums(root, audio_dir) -> root, holding ALBUMS below
    retag(path, **tags) writes tags into an existing file (ID3v2.4, Vorbis comments, MP4)
"""

from pathlib import Path

from mutagen.flac import FLAC
from mutagen.id3 import ID3, TALB, TCMP, TCON, TDRC, TIT2, TPE1, TPE2, TPOS, TRCK
from mutagen.mp4 import MP4

from server.library import covers
from tests import builders
from tests.music_folders_helpers import copy

ID3_FRAMES = {"title": TIT2, "artist": TPE1, "album": TALB, "album_artist": TPE2,
              "track": TRCK, "disc": TPOS, "year": TDRC, "genres": TCON, "compilation": TCMP}
VORBIS_KEYS = {"title": "title", "artist": "artist", "album": "album",
               "album_artist": "albumartist", "track": "tracknumber", "disc": "discnumber",
               "year": "date", "genres": "genre", "compilation": "compilation"}
MP4_KEYS = {"title": "\xa9nam", "artist": "\xa9ART", "album": "\xa9alb", "album_artist": "aART",
            "year": "\xa9day", "genres": "\xa9gen"}

# relative path -> tags; frequencies differ so every file has distinct content
ALBUMS = {
    # A double album: two discs in two folders, a folder cover, numbers as "n/total".
    "Nina Blue/Night Songs/CD1/01.mp3": dict(
        title="Moon Rise", artist="Nina Blue", album="Night Songs", track="1/2", disc="1/2",
        year="2001", genres=["Jazz", "Lullaby"]),
    "Nina Blue/Night Songs/CD1/02.flac": dict(
        title="Star Count", artist="Nina Blue", album="Night Songs", track="2", disc="1",
        year="2001", genres=["Jazz"]),
    "Nina Blue/Night Songs/CD2/01.mp3": dict(
        title="Dawn Again", artist="Nina Blue", album="Night Songs", track="1", disc="2",
        year="2001", genres=["Jazz;Ambient"]),
    # A compilation: each track its own artist, flagged, no album artist tag.
    "Compilations/Summer Hits/01.mp3": dict(
        title="Sunny", artist="Ola Sun", album="Summer Hits", track="1", year="2010",
        compilation="1", genres=["Pop"]),
    "Compilations/Summer Hits/02.m4a": dict(
        title="Wave", artist="Bob Beach", album="Summer Hits", track=(2, 2), year="2010",
        compilation=True, genres=["Pop", "Dance"]),
    # An album whose album artist differs from its tracks' artist.
    "Trio/Forest/01.flac": dict(
        title="Tall Trees", artist="Nina Blue", album_artist="The Trio", album="Forest",
        track="1", year="1999", genres=["Folk"]),
}
COVERS = {"Nina Blue/Night Songs/CD1/cover.jpg": "Night Songs",
          "Nina Blue/Night Songs/CD2/folder.png": "Night Songs 2"}


def write_albums(root, audio_dir):
    """Write ALBUMS and COVERS under root; root."""
    root = Path(root)
    for number, (rel, tags) in enumerate(ALBUMS.items()):
        source = builders.make_audio(audio_dir, seconds=1.0, freq=500 + 20 * number,
                                     suffix=Path(rel).suffix)
        retag(copy(source, root / rel), **tags)
    for rel, title in COVERS.items():
        image = covers.generated_cover(title, size=300)
        if rel.endswith(".png"):
            image = png(image)
        (root / rel).write_bytes(image)
    return root


def png(jpeg_bytes):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg_bytes)).save(out, "PNG")
    return out.getvalue()


def retag(path, **tags):
    """Write the given tags into the file at path (replacing those it had)."""
    path = Path(path)
    if path.suffix == ".mp3":
        _id3(path, tags)
    elif path.suffix == ".m4a":
        _mp4(path, tags)
    else:
        _vorbis(FLAC(path), tags)
    return path


def _id3(path, tags):
    id3 = ID3(path)
    for name, value in tags.items():
        values = value if isinstance(value, list) else [str(value)]
        id3.delall(ID3_FRAMES[name].__name__)
        id3.add(ID3_FRAMES[name](encoding=3, text=values))
    id3.save(path, v2_version=4)


def _vorbis(audio, tags):
    for name, value in tags.items():
        audio[VORBIS_KEYS[name]] = value if isinstance(value, list) else [str(value)]
    audio.save()


def _mp4(path, tags):
    audio = MP4(path)
    for name, value in tags.items():
        if name == "track":
            audio["trkn"] = [value if isinstance(value, tuple) else (int(value), 0)]
        elif name == "disc":
            audio["disk"] = [value if isinstance(value, tuple) else (int(value), 0)]
        elif name == "compilation":
            audio["cpil"] = bool(value)
        else:
            audio[MP4_KEYS[name]] = value if isinstance(value, list) else [str(value)]
    audio.save()
