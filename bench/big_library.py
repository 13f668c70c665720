"""A library of 100,000 tracks for the app's benchmarks, written in batches."""

import tempfile

from bench import audio_files
from bench.stack import app_for, import_folder

BATCH = 5000


def track_fields(index, media):
    category = audio_files.CATEGORIES[index % len(audio_files.CATEGORIES)]
    return {"title": f"Track {index:06d}", "artist": "Bench Artist",
            "album": f"Album {index // 12}", "category": category, "tags": ["bench"], **media}


def insert_batch(tracks, batch):
    """The library's own batch insert when it has one, else the same documents insert_track
    writes (its derived keys included), then one version bump for the batch."""
    if hasattr(tracks, "insert_tracks"):
        tracks.insert_tracks(batch)
        return
    now = tracks.utcnow()
    docs = []
    for fields in batch:
        doc = {**fields, "category": tracks.canonical_category(fields["category"]),
               "play_count": 0, "created_at": now, "updated_at": now}
        doc.update(tracks.derived_fields(doc))
        docs.append(doc)
    tracks.collection().insert_many(docs, ordered=False)
    tracks.version.bump()


def seed_library(settings, count):
    """`count` tracks: one real file imported, listed under `count` titles."""
    from server import db
    from server.library import tracks

    with tempfile.TemporaryDirectory() as tmp:
        import_folder(settings, audio_files.write_library(tmp, 1))
    app = app_for(settings)
    with app.app_context():
        template = tracks.collection().find_one({})
        media = {key: template[key] for key in ("audio_path", "content_hash", "size",
                                                "mime_type", "duration")}
        for start in range(1, count, BATCH):
            end = min(count, start + BATCH)
            insert_batch(tracks, [track_fields(i, media) for i in range(start, end)])
    db.get_client(app).close()
