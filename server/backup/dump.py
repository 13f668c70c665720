"""Write a backup: every collection as BSON, then the media store, then the manifest.

Consistency: each document is copied whole (single-document reads are atomic on both
databases), collection by collection; writes made meanwhile may or may not be included, as
in any online copy without a snapshot. The database goes first and the media second: files
are written before the documents that name them and are never rewritten (content-addressed),
so every file a copied document names is already on disk when the media are copied.
"""

import os
import shutil
import uuid
from pathlib import Path

from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument

from server.backup import manifest as manifests
from server.jsonutil import iso, utcnow
from server.library import store

RAW = CodecOptions(document_class=RawBSONDocument)
SKIPPED_MEDIA = ("tmp",)  # staged uploads, never part of the library


def user_collections(db):
    return sorted(name for name in db.list_collection_names() if not name.startswith("system."))


def dump_collection(collection, path):
    """Write the collection's documents, byte for byte as stored; their count."""
    count = 0
    with open(path, "wb") as out:
        for doc in collection.with_options(codec_options=RAW).find({}):
            out.write(doc.raw)
            count += 1
        out.flush()
        os.fsync(out.fileno())
    return count


def media_files(media_root):
    """Relative paths of the media store's files (not staging, not half-written temporaries)."""
    root = Path(media_root)
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and rel.parts[0] not in SKIPPED_MEDIA \
                and not path.name.startswith("tmp"):
            yield rel.as_posix()


def copy_media(media_root, target):
    """Copy every media file into target; {relative path: SHA-256} of what was copied."""
    copied = {}
    for rel in media_files(media_root):
        destination = Path(target) / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(Path(media_root) / rel, destination)
        except FileNotFoundError:
            continue  # deleted since the walk (its track went too): not part of the copy
        copied[rel] = store.file_hash(destination)
    return copied


def write_backup(db, media_root, target):
    """Write a whole backup at target (which must not exist); its manifest."""
    target = Path(target).resolve()
    if target.exists():
        raise manifests.BackupError(f"{target} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.parent / f".{target.name}.partial-{uuid.uuid4().hex[:8]}"
    (partial / "db").mkdir(parents=True)
    try:
        manifest = {"format": manifests.FORMAT, "created_at": iso(utcnow()),
                    "database": db.name, "collections": {}, "media": {}}
        for name in user_collections(db):
            rel = f"db/{name}.bson"
            count = dump_collection(db[name], partial / rel)
            manifest["collections"][name] = {"file": rel, "count": count,
                                             "sha256": store.file_hash(partial / rel)}
        files = copy_media(media_root, partial / "media")
        manifest["media"] = {"count": len(files), "files": files}
        manifests.write(partial, manifest)
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest
