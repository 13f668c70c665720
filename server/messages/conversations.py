"""The conversations collection: one per (receiver, household), `_id` "<device id>:<household id>".

(A user's first household has the user's id, so conversations from before households, keyed
by the owner's id, are the household's.)

The conversation document holds only its read markers (one per side: the highest seq that
side has read), moved under the conversation's lock. Messages number themselves: the
message with seq n is the document `<conversation id>:<n>`, so the last seq is found by _id
(server.slots) and no counter is ever incremented.
"""

from pymongo.errors import DuplicateKeyError

from server import locks
from server.db import get_db
from server.jsonutil import utcnow

SIDES = ("user", "device")
MARKER = {"user": "user_read_seq", "device": "device_read_seq"}


def collection():
    return get_db().conversations


def ensure_indexes(db):
    """Nothing to index: conversations are read by _id (cleanup scans by device_id)."""


def other_side(side):
    return "device" if side == "user" else "user"


def conversation_id(device_id, household_id):
    return f"{device_id}:{household_id}"


def find(device_id, household_id):
    """The receiver's conversation with the household, or None before the first message."""
    return collection().find_one({"_id": conversation_id(device_id, household_id)})


def open_conversation(device_id, household_id):
    """The conversation, created (idempotently) on the first message."""
    doc = {"_id": conversation_id(device_id, household_id), "device_id": device_id,
           "household_id": household_id, "created_at": utcnow(), "user_read_seq": 0,
           "device_read_seq": 0}
    try:
        collection().insert_one(doc)
        return doc
    except DuplicateKeyError:
        return find(device_id, household_id)


def mark_read(conversation, side, up_to):
    """Move the side's read marker forward to up_to (never back); True when it moved."""
    field = MARKER[side]
    with locks.held(f"conversation:{conversation['_id']}"):
        current = collection().find_one({"_id": conversation["_id"]})
        if current is None or current.get(field, 0) >= up_to:
            return False
        collection().update_one({"_id": conversation["_id"]}, {"$set": {field: up_to}})
        return True


def delete_for_device(device_id):
    """Every conversation of a removed receiver (a cleanup scan of a small collection)."""
    collection().delete_many({"device_id": device_id})
