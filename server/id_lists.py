"""Small per-user lists of ids (a user's receivers, a user's playlists): one document each.

The document's _id is the user id, so the list is read by _id; it is changed under the
user's lock (FerretDB would lose one of two racing updates), in a collection that grows
with users only.
"""

from server import locks
from server.db import get_db, upsert_one


class IdList:
    """The `collection` of lists; new ids go first (newest_first) or last."""

    def __init__(self, collection, newest_first):
        self.name, self.newest_first = collection, newest_first

    def collection(self):
        return get_db()[self.name]

    def ids(self, user_id):
        doc = self.collection().find_one({"_id": user_id})
        return doc["ids"] if doc else []

    def change(self, user_id, item_id, add):
        """Add the id to (or drop it from) the user's list."""
        with locks.held(f"{self.name}:{user_id}"):
            ids = [other for other in self.ids(user_id) if other != item_id]
            if add:
                ids = [item_id, *ids] if self.newest_first else [*ids, item_id]
            upsert_one(self.collection(), {"_id": user_id}, {"$set": {"ids": ids}})
