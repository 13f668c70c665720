"""The conversations collection: one per (receiver, owner), with a read marker per side.

Each message gets the next `seq` of its conversation (an atomic $inc). A side's read marker
is the highest seq it has read, so its unread count is the number of the other side's
messages above the marker: one indexed count per conversation, no $lookup.
"""

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from server.db import get_db
from server.jsonutil import utcnow

SIDES = ("user", "device")
MARKER = {"user": "user_read_seq", "device": "device_read_seq"}


def collection():
    return get_db().conversations


def ensure_indexes(db):
    db.conversations.create_index([("device_id", ASCENDING), ("user_id", ASCENDING)],
                                  unique=True, name="conversation_pair_unique")
    db.conversations.create_index([("user_id", ASCENDING), ("last_message_at", DESCENDING)],
                                  name="conversation_user_recent")
    db.conversations.create_index([("device_id", ASCENDING)], name="conversation_device")


def other_side(side):
    return "device" if side == "user" else "user"


def find(device_id, user_id):
    """The conversation of this receiver with this owner, or None before the first message."""
    return collection().find_one({"device_id": device_id, "user_id": user_id})


def next_seq(device_id, user_id):
    """Reserve the next message number (creating the conversation); returns (conversation, seq)."""
    now = utcnow()
    for _ in range(2):  # two first messages at once: one insert wins, the other retries
        try:
            doc = collection().find_one_and_update(
                {"device_id": device_id, "user_id": user_id},
                {"$inc": {"last_seq": 1},
                 "$set": {"last_message_at": now},
                 "$setOnInsert": {"created_at": now, "user_read_seq": 0, "device_read_seq": 0}},
                upsert=True, return_document=ReturnDocument.AFTER)
            return doc, doc["last_seq"]
        except DuplicateKeyError:
            continue
    raise RuntimeError("could not create the conversation")


def mark_read(conversation, side, up_to_seq):
    """Move the side's read marker forward to up_to_seq (never back); True when it moved."""
    field = MARKER[side]
    up_to = min(up_to_seq, conversation["last_seq"])
    result = collection().update_one({"_id": conversation["_id"], field: {"$lt": up_to}},
                                     {"$set": {field: up_to}})
    return result.modified_count == 1


def of_user(user_id):
    """Every conversation of the user, most recent first."""
    return list(collection().find({"user_id": user_id}).sort("last_message_at", DESCENDING))


def delete_for_device(device_id):
    collection().delete_many({"device_id": device_id})
