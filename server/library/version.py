"""The library's version: a token every write to the tracks collection replaces.

Processes cache list pages under the token they read (server.library.listing_cache); one
cheap read of this one-document collection per request tells whether a page may be reused,
so a write served by any process is seen at once by every other. A fresh ObjectId, not $inc:
FerretDB applies $inc as read-modify-write, and two racing writes could leave one value.
"""

from bson import ObjectId

from server import db as database
from server.db import get_db

KEY = "tracks"


def collection():
    return get_db().library_state


def ensure_indexes(db):
    """Only _id lookups (the default index)."""


def bump():
    """Mark the library changed; call after the write to tracks has completed."""
    database.upsert_one(collection(), {"_id": KEY}, {"$set": {"token": ObjectId()}})


def current():
    """The current token (a new one is made when the record is missing, e.g. a new database)."""
    doc = collection().find_one({"_id": KEY})
    if doc is None:
        bump()
        doc = collection().find_one({"_id": KEY})
    return doc["token"]
