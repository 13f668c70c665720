"""Restore a backup: verify everything first, then the documents, the media and the indexes."""

import os
import shutil
import tempfile
from pathlib import Path

from bson import decode_file_iter
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument

from server.backup import manifest as manifests
from server.backup.dump import user_collections
from server.library import store
from server.library.store import FILE_MODE

RAW = CodecOptions(document_class=RawBSONDocument)
BATCH = 500


class NotEmpty(manifests.BackupError):
    """The database holds data; restoring over it needs --force."""


def holding_data(db):
    """Names of collections that have at least one document."""
    return [name for name in user_collections(db) if db[name].find_one({}, {"_id": 1})]


def restore_collection(collection, path):
    """Insert the file's documents in batches; how many."""
    count, batch = 0, []
    with open(path, "rb") as source:
        for doc in decode_file_iter(source, RAW):
            batch.append(doc)
            if len(batch) == BATCH:
                collection.insert_many(batch, ordered=True)
                count, batch = count + len(batch), []
    if batch:
        collection.insert_many(batch, ordered=True)
        count += len(batch)
    return count


def restore_media(source, media_root, files):
    """Put each file in place (temporary name, then rename); how many were written."""
    written = 0
    for rel in files:
        target = Path(media_root) / rel
        if target.is_file() and store.file_hash(target) == files[rel]:
            continue  # content-addressed: the same bytes are already there
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            with open(Path(source) / "media" / rel, "rb") as original:
                shutil.copyfileobj(original, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, FILE_MODE)  # as the store writes them: the front server reads them
        os.replace(handle.name, target)
        written += 1
    return written


def restore(db, media_root, source, force=False):
    """Restore the backup at source; {collection: count} plus media counts."""
    manifest = manifests.verify(source)  # nothing is written unless every checksum matches
    occupied = holding_data(db)
    if occupied and not force:
        raise NotEmpty(f"the database is not empty ({', '.join(occupied)}); use --force")
    for name in user_collections(db):
        db.drop_collection(name)
    counts = {}
    for name, entry in sorted(manifest["collections"].items()):
        counts[name] = restore_collection(db[name], Path(source) / entry["file"])
        if counts[name] != entry["count"]:
            raise manifests.BackupError(f"{name}: restored {counts[name]} of {entry['count']}")
    files = manifest["media"]["files"]
    return {"collections": counts, "media_files": len(files),
            "media_written": restore_media(source, media_root, files)}
