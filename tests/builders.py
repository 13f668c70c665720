"""Test builders: real audio files made with ffmpeg, and tracks stored from them.

    make_audio(folder, seconds=1, freq=440, suffix=".mp3", cover=False, title=..., ...)
    make_track(app, folder, title=..., category=..., tags=[...], seconds=..., freq=...)

Other branches reuse them through the `make_audio` / `make_track` fixtures in conftest.py.
"""

import hashlib
from pathlib import Path

from server.library import covers, ingest, store, synth
from server.library.tags import read_audio

TAG_NAMES = ("title", "artist", "album", "genre")


def make_audio(folder, name=None, *, seconds=1.0, freq=440, suffix=".mp3", cover=False, **tags):
    """Encode a tone with ffmpeg (tags as given, optionally an embedded cover); its path."""
    unknown = set(tags) - set(TAG_NAMES)
    if unknown:
        raise TypeError(f"unknown tags {unknown}")
    label = "-".join(str(tags.get(k, "")) for k in TAG_NAMES)
    digest = hashlib.sha256(label.encode()).hexdigest()[:10]
    name = name or f"tone-{freq}-{seconds}-{cover}-{digest}{suffix}"
    path = Path(folder) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        synth.tone(path, seconds=seconds, freq=freq, tags=tags)
        if cover:
            synth.embed_cover(path, covers.generated_cover(tags.get("title", "Cover")))
    return path


def make_track(app, folder, *, seconds=1.0, freq=440, suffix=".mp3", cover=False, **fields):
    """Store a real audio file as a track with the given fields; the track document."""
    values = {"title": "Test Track", "artist": "Test Artist", "album": None,
              "category": "Tests", "tags": [], **fields}
    path = make_audio(folder, seconds=seconds, freq=freq, suffix=suffix, cover=cover)
    with app.app_context():
        info = read_audio(path)
        with store.stage_file(path) as staged:
            cover_fields = ingest.embedded_cover_fields(info.cover)
            return ingest.add_track(staged, info, values, cover_fields)


def admin_headers(app, username="admin"):
    """Authorization headers of a new administrator."""
    from server.accounts import tokens, users

    with app.app_context():
        user = users.create_user(username, "Library-Keeper-Pass-7", is_admin=True)
        return {"Authorization": f"Bearer {tokens.issue_token(user['_id'])}"}


def stored_files(media_root):
    """Every file under the media store, as relative paths (to spot strays)."""
    root = Path(media_root)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
