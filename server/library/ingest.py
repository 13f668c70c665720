"""Adding, replacing and deleting tracks together with their stored files.

Order matters because there are no transactions: files are stored before the record that
points at them is written, and removed only after no record points at them any more. A crash
in between leaves at worst an unreferenced file, never a record without its file.
"""

import logging

from server.library import covers, store, tracks

log = logging.getLogger(__name__)


def cover_fields(image_bytes):
    """Store a cover's full image and thumbnail; the fields a track needs to point at them."""
    full, thumb = covers.cover_images(image_bytes)
    digest, full_path = store.store_bytes("covers", full, ".jpg")
    _, thumb_path = store.store_bytes("covers", thumb, ".thumb.jpg")
    return {"cover_hash": digest, "cover_full": full_path, "cover_thumb": thumb_path}


def embedded_cover_fields(image_bytes):
    """Like cover_fields, but a broken embedded picture just means no cover."""
    if not image_bytes:
        return {}
    try:
        return cover_fields(image_bytes)
    except covers.BadImage as exc:
        log.info("ignoring unusable embedded cover: %s", exc)
        return {}


def media_fields(staged, info):
    """Move a staged audio file into the store; the fields describing it."""
    return {
        "audio_path": staged.commit("audio", info.suffix),
        "content_hash": staged.digest,
        "size": staged.size,
        "mime_type": info.mime_type,
        "duration": info.duration,
    }


def add_track(staged, info, fields, cover=None):
    """Store the staged audio (and cover fields already stored), then insert the record."""
    cover = cover or {}
    media = media_fields(staged, info)
    try:
        return tracks.insert_track({**fields, **media, **cover})
    except BaseException:
        release_files({**media, **cover})
        raise


def remove_track(track_id):
    """Delete a track's record, then its files unless another track shares them."""
    doc = tracks.delete_track(track_id)
    if doc is not None:
        release_files(doc)
    return doc


def release_files(doc):
    """Delete the audio and cover files of doc that no track references any more."""
    # A track read in place from a music folder has no audio in the store (no audio_path).
    if doc.get("audio_path") and tracks.count_references("content_hash",
                                                         doc["content_hash"]) == 0:
        store.remove(doc["audio_path"])
    if doc.get("cover_hash") and tracks.count_references("cover_hash", doc["cover_hash"]) == 0:
        store.remove(doc["cover_full"])
        store.remove(doc["cover_thumb"])
