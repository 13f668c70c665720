"""The library's tracks: writes to the collection (journalled), reads from the catalogue.

MongoDB's `tracks` collection is the system of record; every write here appends to the
change journal, and every read comes from this process's catalogue (server.library.catalogue),
brought up to date first. Code that writes to `tracks` must go through these functions.
"""

from server import locks
from server.db import get_db
from server.errors import not_found
from server.jsonutil import utcnow
from server.library import cover_urls, search
from server.library.catalogue import journal, names, queries, state

SORTS = tuple(queries.SORTS)


def collection():
    return get_db().tracks


def ensure_indexes(db):
    """Only _id lookups: every other read is served by the catalogue."""


def canonical_category(name):
    """The spelling already used for this category (so "stories" joins "Stories")."""
    return queries.category_name(state.current(), name) or name


def _new_documents(list_of_fields, spelled=False):
    """Documents to insert; a batch's categories take the spelling used first (or, spelled,
    the one each already has)."""
    conn, now, chosen = None if spelled else state.current(), utcnow(), {}
    docs = []
    for fields in list_of_fields:
        key = search.normalise(fields["category"])
        if spelled:
            chosen[key] = fields["category"]
        elif key not in chosen:
            chosen[key] = queries.category_name(conn, fields["category"]) or fields["category"]
        docs.append({**fields, "category": chosen[key], "created_at": now, "updated_at": now})
    return docs


def insert_track(fields):
    """Insert a track from its fields (title, category, media, ...); returns the document."""
    [doc] = _new_documents([fields])
    doc["_id"] = collection().insert_one(doc).inserted_id
    journal.record_upserts(get_db(), [doc])
    return {**doc, "play_count": 0}


def insert_tracks(list_of_fields, spelled=False):
    """Insert many tracks at once (the importer's batches); returns their documents.

    spelled: each category is already spelled as the library spells it (the importer's index
    knows), so the catalogue is not brought up to date first: applying the journal entry of
    the batch before was half of each batch's write at 100,000 tracks.
    """
    if not list_of_fields:
        return []
    docs = _new_documents(list_of_fields, spelled)
    collection().insert_many(docs)  # sets each document's _id
    journal.record_upserts(get_db(), docs)
    return [{**doc, "play_count": 0} for doc in docs]


def update_track(track_id, changes):
    """Apply changes to a track; returns the new document or None."""
    if "category" in changes:
        changes = {**changes, "category": canonical_category(changes["category"])}
    # Held across the write and its journal entry, so entries of one track keep its order.
    with locks.held(track_lock(track_id)):
        doc = collection().find_one_and_update({"_id": track_id},
                                               {"$set": {**changes, "updated_at": utcnow()}},
                                               return_document=True)
        if doc is None:
            return None
        journal.record_upserts(get_db(), [doc])
    return find_track(track_id)


def delete_track(track_id):
    """Remove a track's record; returns the removed document or None."""
    with locks.held(track_lock(track_id)):
        doc = collection().find_one_and_delete({"_id": track_id})
        if doc is not None:
            journal.record_deletes(get_db(), [track_id])
    return doc


def track_lock(track_id):
    """The lock every change of one track holds."""
    return f"track:{track_id}"


def find_track(track_id):
    track = queries.one_by(state.current(), "id", str(track_id))
    if track is None:  # another process may have added it a moment ago
        track = queries.one_by(state.current(exact=True), "id", str(track_id))
    return track


def get_track_or_404(track_id):
    track = find_track(track_id)
    if track is None:
        raise not_found("track")
    return track


def find_tracks_by_ids(track_ids):
    """{ObjectId: document} for the tracks that exist among track_ids."""
    found = queries.by_ids(state.current(), track_ids)
    if len(found) < len(set(track_ids)):
        # Another process (an import, another worker) may have added them a moment ago.
        found = queries.by_ids(state.current(exact=True), track_ids)
    return found


def find_by_source(source_path):
    return queries.one_by(state.current(), "source_path", source_path)


def find_by_hash(content_hash):
    return queries.one_by(state.current(), "content_hash", content_hash)


def count_references(field, value):
    """How many tracks point at a stored file (audio by content_hash, covers by cover_hash)."""
    return queries.count_by(state.current(), field, value)


def list_tracks(*, q=None, category=None, sort=None, page=1, per_page=20):
    """(documents of the page, total matching); with q and no sort, best matches first."""
    return queries.page(state.current(), q=q, category=category, sort=sort, page=page,
                        per_page=per_page)


def categories():
    """Every category with its number of tracks, by name."""
    return queries.categories(state.current())


def increment_play_count(track_id):
    """Count one more play of the track: one inserted journal entry, never an update."""
    journal.record_play(get_db(), track_id)


def album_fields(doc):
    """Where the track sits in albums, artists and genres (ids as the catalogue derives)."""
    album_artist = names.album_artist(doc) if doc.get("album") else None
    return {
        "album_id": names.album_id(doc), "album_artist": album_artist,
        "album_artist_id": names.artist_id(album_artist),
        "artist_id": names.artist_id(doc.get("artist")),
        "disc_number": doc.get("disc_number"), "track_number": doc.get("track_number"),
        "year": doc.get("year"), "genres": list(doc.get("genres") or []),
    }


def present_track(doc):
    """The track as the API shows it."""
    base = f"/media/tracks/{doc['_id']}"
    return {
        "id": str(doc["_id"]),
        "title": doc["title"],
        "artist": doc.get("artist"),
        "album": doc.get("album"),
        "category": doc["category"],
        "tags": list(doc.get("tags", [])),
        **album_fields(doc),
        "duration": doc["duration"],
        "size": doc["size"],
        "mime_type": doc["mime_type"],
        "content_hash": doc["content_hash"],
        "has_cover": bool(doc.get("cover_hash")),
        "missing": bool(doc.get("missing")),  # in-place file unreadable at the last scan
        "audio_url": f"{base}/audio",
        **cover_urls.cover_urls(doc["_id"], doc.get("cover_hash")),
        "play_count": doc.get("play_count", 0),
        "created_at": doc["created_at"],
        "updated_at": doc["updated_at"],
    }
