"""Per-user Subsonic state Tapcast's own API has no place for: one small document each.

Ratings, bookmarks, the saved play queue, starred albums and artists and what the user
is playing now live in `subsonic_user_state` under `_id` = "<kind>:<user id>", read by
_id and replaced under the user's lock (FerretDB would lose one of two racing updates).
The collection grows with users, not with the library.
"""

from server import locks
from server.db import get_db

KINDS = ("ratings", "bookmarks", "play_queue", "starred", "now_playing")


def collection():
    return get_db().subsonic_user_state


def key(kind, user_id):
    assert kind in KINDS
    return f"{kind}:{user_id}"


def load(kind, user_id):
    """The user's document of this kind, without its _id ({} when there is none)."""
    doc = collection().find_one({"_id": key(kind, user_id)}) or {}
    doc.pop("_id", None)
    return doc


def edit(kind, user_id, change):
    """Replace the document by change(doc) under the user's lock; returns the new one."""
    with locks.held(f"subsonic-state:{key(kind, user_id)}"):
        doc = change(load(kind, user_id))
        collection().replace_one({"_id": key(kind, user_id)}, doc, upsert=True)
    return doc
