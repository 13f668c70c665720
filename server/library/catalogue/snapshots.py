"""Snapshots of a catalogue in the database, so a starting process need not rebuild it.

A snapshot as of journal slot S is the catalogue's SQLite database itself (`serialize()`:
tables, FTS5 index, sort indexes and vocabulary, all built), cut into slices of SLICE_BYTES,
each compressed on its own and stored as a chunk document of `catalogue_snapshots`,
{_id: "<epoch>:<S>:<writer>:<k>", data: bytes}, announced by library_state's "snapshot"
document {epoch, seq, writer, chunks, schema, codec, bytes, slice}, written only after every
chunk is in place. The writer is a new id per write: two processes at the same slot write
different bytes (their rows were loaded in different orders), so their chunks must never
mix; each writer drops the chunks of exactly the head it replaced.

The codec is zstd, one frame per slice ("zstd-slices"), because every process that starts
pays the load, the importer's included: at 100,000 tracks with their own audio and covers
(300 MB of pages, 34 MB packed; the content hashes do not compress) the chunks are read
by READERS threads at once and each is unpacked as it arrives, where one frame cut into
chunks had to be read whole, one chunk after another, before unpacking could begin (0.62 s
of reads, then 0.2-0.5 s of unpacking). Snapshots written before, one zstd frame ("zstd")
or one zlib stream (no codec), are still read that way. A load then `deserialize()`s the
image: no row is re-inserted and no index rebuilt. It then applies the journal after S like
any other catalogue. A snapshot of another schema (schema.VERSION) is not used, and a
chunk missing (a newer snapshot replaced it meanwhile) means: read the newer one, or load
from the collection when there is none.

Beside the catalogue each snapshot holds its cut for imports (import_image.py), in chunks
"<epoch>:<S>:<writer>:index:<k>" that the head's "index" {chunks, bytes, schema} counts.
"""

import logging
import zlib
from concurrent.futures import ThreadPoolExecutor

import zstandard
from bson import ObjectId
from pymongo.errors import DuplicateKeyError, WriteError

from server.library.catalogue import import_image, offload, schema

log = logging.getLogger(__name__)
HEAD_ID = "snapshot"
# Uncompressed bytes per chunk: a slice that does not compress at all still fits in a
# document (BSON's limit is 16 MB), and 300 MB make enough chunks to read several at once.
SLICE_BYTES = 8 * 1024 * 1024
LEVEL = 3  # zstd's default; higher levels made 300 MB of pages only 7% smaller, 3x slower
CODEC = "zstd-slices"
CATALOGUE, INDEX = "catalogue", "index"  # the parts of a snapshot
READERS = 4  # chunks read at once: the database works on one while this process unpacks another
# Codecs of snapshots written before this one: one stream cut into chunks of it.
WHOLE_STREAM = {"zstd": lambda data: zstandard.ZstdDecompressor().decompress(data),
                "zlib": zlib.decompress}
READ_TRIES = 3  # heads read in turn while newer snapshots replace the one being read
# A process writes a newer snapshot after EVERY journal entries, or sooner after entries that
# touched EVERY_ROWS tracks: each track an importer adds costs the next process to start
# 0.45 ms of catching up at 100,000 tracks (its entry read, then its row, search text and
# indexes written), so 2,000 of them about a second.
EVERY = 1000
EVERY_ROWS = 2000


def ensure_indexes(db):
    """Chunks and the head are read by _id only."""


def chunk_id(snapshot, k, part=CATALOGUE):
    """The _id of chunk k of a part of the snapshot a head announces (heads before writers
    had none)."""
    writer = f":{snapshot['writer']}" if snapshot.get("writer") else ""
    named = "" if part == CATALOGUE else f":{part}"
    return f"{snapshot['epoch']}:{snapshot['seq']}{writer}{named}:{k}"


def head(db):
    return db.library_state.find_one({"_id": HEAD_ID})


def is_due(current, epoch, seq, rows_after):
    """Should a catalogue at (epoch, seq) write a snapshot now, given the current head and
    rows_after(n): how many tracks the entries after slot n touched, as far as it knows?"""
    return (current is None or current["epoch"] != epoch
            or current.get("schema") != schema.VERSION or seq - current["seq"] >= EVERY
            or rows_after(current["seq"]) >= EVERY_ROWS)


def capture(conn):
    """The catalogue's database as bytes; hold the catalogue's lock meanwhile (no entry may
    be applied halfway through)."""
    return offload.run(conn.serialize)


def write(db, image, epoch, seq):
    """Store a captured database and its cut for imports as the snapshot of (epoch, seq),
    announce it, drop the one it replaced."""
    index = offload.run(import_image.cut, image)
    mine = {"epoch": epoch, "seq": seq, "writer": str(ObjectId()),
            "chunks": chunk_count(image), "schema": schema.VERSION,
            "codec": CODEC, "bytes": len(image), "slice": SLICE_BYTES,
            INDEX: {"chunks": chunk_count(index), "bytes": len(index),
                    "schema": import_image.VERSION}}
    packed = _store(db, mine, CATALOGUE, image) + _store(db, mine, INDEX, index)
    replaced = announce(db, mine)
    if replaced is not None:
        for chunk in chunk_ids(replaced):
            db.catalogue_snapshots.delete_one({"_id": chunk})
    log.info("catalogue snapshot written (epoch %s, entry %d, %d bytes in %d chunks)", epoch,
             seq, packed, mine["chunks"] + mine[INDEX]["chunks"])


def chunk_count(image):
    return max(1, -(-len(image) // SLICE_BYTES))


def _store(db, snapshot, part, image):
    """Insert the chunks of one part; the bytes they take."""
    view, packed = memoryview(image), 0
    for k in range(chunk_count(image)):
        data = offload.run(pack, view[k * SLICE_BYTES:(k + 1) * SLICE_BYTES])
        packed += len(data)
        db.catalogue_snapshots.insert_one({"_id": chunk_id(snapshot, k, part), "data": data})
    return packed


def part_chunk_ids(snapshot, part):
    """The _id of every chunk of one part a head announces."""
    count = snapshot["chunks"] if part == CATALOGUE else snapshot[part]["chunks"]
    return [chunk_id(snapshot, k, part) for k in range(count)]


def chunk_ids(snapshot):
    """The _id of every chunk of every part a head announces."""
    return part_chunk_ids(snapshot, CATALOGUE) + (
        part_chunk_ids(snapshot, INDEX) if INDEX in snapshot else [])


def announce(db, snapshot):
    """Make snapshot the head; the head it replaced (None for the first)."""
    try:
        return db.library_state.find_one_and_replace({"_id": HEAD_ID},
                                                     {"_id": HEAD_ID, **snapshot}, upsert=True)
    except (DuplicateKeyError, WriteError):  # another process announced the first one at once
        return db.library_state.find_one_and_replace({"_id": HEAD_ID},
                                                     {"_id": HEAD_ID, **snapshot})


def pack(piece):
    return zstandard.ZstdCompressor(level=LEVEL).compress(piece)


def unpack_into(data, target):
    """Unpack one slice into target (a memoryview of its place); False when the slice does
    not fill it exactly (not this snapshot's) or does not unpack."""
    reader, filled = zstandard.ZstdDecompressor().stream_reader(data), 0
    try:
        while filled < len(target) and (got := reader.readinto(target[filled:])):
            filled += got
        return filled == len(target) and not reader.read(1)
    except zstandard.ZstdError:  # a damaged chunk: the snapshot is not used
        return False


def read(db, epoch, not_before, part=CATALOGUE):
    """(seq, the bytes of a part: the database, or its INDEX) of this epoch's snapshot, or
    None when there is none of this schema as recent as slot `not_before`, or a chunk is
    missing."""
    current = head(db)
    for _ in range(READ_TRIES):
        if current is None:
            return None
        image = _image(db, current, epoch, not_before, part)
        if image is not None:
            return current["seq"], image
        # A chunk was missing: a newer snapshot may have replaced this one as it was read.
        newer = head(db)
        current = newer if newer and newer.get("writer") != current.get("writer") else None
    return None


def _image(db, current, epoch, not_before, part):
    codec = current.get("codec", "zlib")
    if (current["epoch"] != epoch or current["seq"] < not_before
            or current.get("schema") != schema.VERSION
            or codec not in WHOLE_STREAM and not (codec == CODEC and "bytes" in current)):
        return None
    if part == INDEX:  # written with the slices codec only
        index = current.get(INDEX)
        if codec != CODEC or not index or index["schema"] != import_image.VERSION:
            return None
        return _slices(db, part_chunk_ids(current, INDEX), index["bytes"], current["slice"])
    ids = part_chunk_ids(current, CATALOGUE)
    if codec in WHOLE_STREAM:
        pieces = [_chunk(db, i) for i in ids]
        return None if None in pieces else offload.run(WHOLE_STREAM[codec], b"".join(pieces))
    return _slices(db, ids, current["bytes"], current["slice"])


def _slices(db, ids, size, step):
    """The image of chunks each holding one zstd frame of `step` bytes (the last: the rest);
    None when one is missing or damaged."""
    # Each slice is unpacked into its place in one buffer, which deserialize() copies: one
    # copy of the image fewer than joining the slices, at 300 MB of pages.
    image = bytearray(size)
    view = memoryview(image)

    def fill(k):
        data = _chunk(db, ids[k])
        return data is not None and offload.run(unpack_into, data, view[k * step:(k + 1) * step])

    with ThreadPoolExecutor(READERS, thread_name_prefix="snapshot-read") as readers:
        filled = list(readers.map(fill, range(len(ids))))
    view.release()
    return image if all(filled) else None


def _chunk(db, chunk):
    found = db.catalogue_snapshots.find_one({"_id": chunk})
    return None if found is None else found["data"]
