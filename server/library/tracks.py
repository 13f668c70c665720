"""The tracks collection: lookups, listing and search, categories, and the public JSON shape.

Sorting and search use normalised copies of the text fields (`title_key`, `category_key`,
`search_words`): FerretDB has no collation and no text indexes.
"""

from pymongo import ASCENDING, DESCENDING, ReturnDocument

from server import locks
from server.db import get_db
from server.errors import not_found
from server.jsonutil import utcnow
from server.library import listing_cache, search, version

SORTS = {
    "title": [("title_key", ASCENDING), ("_id", ASCENDING)],
    "newest": [("created_at", DESCENDING), ("_id", DESCENDING)],
    "popular": [("play_count", DESCENDING), ("title_key", ASCENDING), ("_id", ASCENDING)],
}
DEFAULT_SORT = "title"
# What present_track reads: listing leaves out the normalised copies (search_words is large).
LISTED_FIELDS = ["title", "artist", "album", "category", "tags", "duration", "size",
                 "mime_type", "content_hash", "cover_hash", "play_count", "created_at",
                 "updated_at"]


def collection():
    return get_db().tracks


def ensure_indexes(db):
    tracks = db.tracks
    for name, keys in SORTS.items():
        tracks.create_index(keys, name=f"sort_{name}")
        tracks.create_index([("category_key", ASCENDING), *keys], name=f"category_{name}")
    tracks.create_index([("search_words", ASCENDING)], name="search_words")
    tracks.create_index([("content_hash", ASCENDING)], name="content_hash")
    tracks.create_index([("cover_hash", ASCENDING)], name="cover_hash")
    tracks.create_index([("source_path", ASCENDING)], name="source_path")


def derived_fields(doc):
    """The normalised keys that follow from a track's text fields."""
    return {
        "title_key": search.normalise(doc["title"]),
        "category_key": search.normalise(doc["category"]),
        "search_words": search.words(doc["title"], doc.get("artist"), doc.get("album"),
                                     *doc.get("tags", [])),
    }


def canonical_category(name):
    """The spelling already used for this category (so "stories" joins "Stories")."""
    existing = collection().find_one({"category_key": search.normalise(name)}, {"category": 1})
    return existing["category"] if existing else name


def insert_track(fields):
    """Insert a track from its fields (title, category, media, ...); returns the document."""
    now = utcnow()
    doc = {**fields, "category": canonical_category(fields["category"]),
           "play_count": 0, "created_at": now, "updated_at": now}
    doc.update(derived_fields(doc))
    doc["_id"] = collection().insert_one(doc).inserted_id
    version.bump()
    return doc


def update_track(track_id, changes):
    """Apply changes to a track (recomputing its keys); returns the new document or None."""
    current = find_track(track_id)
    if current is None:
        return None
    if "category" in changes:
        changes = {**changes, "category": canonical_category(changes["category"])}
    merged = {**current, **changes}
    update = {**changes, **derived_fields(merged), "updated_at": utcnow()}
    with locks.held(track_lock(track_id)):
        doc = collection().find_one_and_update({"_id": track_id}, {"$set": update},
                                               return_document=ReturnDocument.AFTER)
    version.bump()
    return doc


def delete_track(track_id):
    """Remove a track's record; returns the removed document or None."""
    doc = collection().find_one_and_delete({"_id": track_id})
    version.bump()
    return doc


def track_lock(track_id):
    """The lock every read-modify-write of one track holds."""
    return f"track:{track_id}"


def find_track(track_id):
    return collection().find_one({"_id": track_id})


def get_track_or_404(track_id):
    track = find_track(track_id)
    if track is None:
        raise not_found("track")
    return track


def find_tracks_by_ids(track_ids):
    """{ObjectId: document} for the tracks that exist among track_ids (one query)."""
    ids = list(set(track_ids))
    if not ids:
        return {}
    return {doc["_id"]: doc for doc in collection().find({"_id": {"$in": ids}})}


def find_by_source(source_path):
    return collection().find_one({"source_path": source_path})


def find_by_hash(content_hash):
    return collection().find_one({"content_hash": content_hash})


def count_references(field, value):
    """How many tracks point at a stored file (audio by content_hash, covers by cover_hash)."""
    return collection().count_documents({field: value})


def list_tracks(*, q=None, category=None, sort=DEFAULT_SORT, page=1, per_page=20):
    """(documents of the page, total matching) for a search."""
    key = (q, category, sort, page, per_page)
    docs, total = listing_cache.get_or_load(
        key, lambda: _query_page(q=q, category=category, sort=sort, page=page,
                                 per_page=per_page))
    return list(docs), total


def _query_page(*, q, category, sort, page, per_page):
    query = search.query_filter(q) if q else {}
    if query is None:
        return [], 0
    if category:
        query["category_key"] = search.normalise(category)
    skip = (page - 1) * per_page
    docs = list(collection().find(query, LISTED_FIELDS).sort(SORTS[sort])
                .skip(skip).limit(per_page))
    if docs and len(docs) < per_page:
        return docs, skip + len(docs)  # the last page: no second scan to count the matches
    return docs, collection().count_documents(query)


def categories():
    """Every category with its number of tracks, by name."""
    rows = collection().aggregate([
        {"$group": {"_id": "$category", "count": {"$sum": 1}}},
        {"$sort": {"_id": 1}},
    ])
    return [{"name": row["_id"], "count": row["count"]} for row in rows if row["_id"]]


def increment_play_count(track_id):
    """Count one more play of the track."""
    # FerretDB applies $inc as read-modify-write, so racing plays would be lost without the
    # track's lock (see server.locks).
    with locks.held(track_lock(track_id)):
        collection().update_one({"_id": track_id}, {"$inc": {"play_count": 1}})
    version.bump()  # play counts and the popular order show at once, like any other write


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
        "duration": doc["duration"],
        "size": doc["size"],
        "mime_type": doc["mime_type"],
        "content_hash": doc["content_hash"],
        "has_cover": bool(doc.get("cover_hash")),
        "audio_url": f"{base}/audio",
        "cover_url": f"{base}/cover?size=full",
        "thumb_url": f"{base}/cover?size=thumb",
        "play_count": doc.get("play_count", 0),
        "created_at": doc["created_at"],
        "updated_at": doc["updated_at"],
    }


def insert_tracks(list_of_fields):
    """Insert many tracks in one batch (the importer); returns their documents, in order.

    Categories must come canonical: the caller resolves them once (a lookup here would scan
    the collection per document on FerretDB).
    """
    now = utcnow()
    docs = []
    for fields in list_of_fields:
        doc = {**fields, "play_count": 0, "created_at": now, "updated_at": now}
        doc.update(derived_fields(doc))
        docs.append(doc)
    if docs:
        collection().insert_many(docs)  # sets each document's _id (unless the caller did)
        version.bump()
    return docs
