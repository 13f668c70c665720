"""The messages collection: text or voice, numbered by `seq` within their conversation."""

from datetime import timedelta

from pymongo import ASCENDING, DESCENDING

from server.db import get_db
from server.jsonutil import utcnow
from server.messages.conversations import MARKER, other_side


def collection():
    return get_db().messages


def ensure_indexes(db):
    db.messages.create_index([("conversation_id", ASCENDING), ("seq", DESCENDING)],
                             name="message_conversation_seq")
    db.messages.create_index([("conversation_id", ASCENDING), ("sender", ASCENDING),
                              ("seq", ASCENDING)], name="message_conversation_sender_seq")
    db.messages.create_index([("conversation_id", ASCENDING), ("sender", ASCENDING),
                              ("created_at", DESCENDING)], name="message_sender_recent")
    db.messages.create_index([("device_id", ASCENDING)], name="message_device")
    db.messages.create_index([("voice.path", ASCENDING)], name="message_voice_path")


def insert(conversation, seq, sender, body):
    """Store a message; body is {"kind": "text", "text"} or {"kind": "voice", "voice": {...}}."""
    doc = {"conversation_id": conversation["_id"], "device_id": conversation["device_id"],
           "user_id": conversation["user_id"], "seq": seq, "sender": sender,
           "created_at": utcnow(), **body}
    doc["_id"] = collection().insert_one(doc).inserted_id
    return doc


def find(message_id):
    return collection().find_one({"_id": message_id})


def page(conversation_id, page_no, per_page):
    """(messages newest first, total) of one conversation."""
    query = {"conversation_id": conversation_id}
    cursor = (collection().find(query).sort("seq", DESCENDING)
              .skip((page_no - 1) * per_page).limit(per_page))
    return list(cursor), collection().count_documents(query)


def count_unread(conversation, side):
    """How many of the other side's messages this side has not read."""
    return collection().count_documents({
        "conversation_id": conversation["_id"], "sender": other_side(side),
        "seq": {"$gt": conversation.get(MARKER[side], 0)}})


def flood_retry_after(conversation_id, sender, limit, window_seconds):
    """Seconds until the sender may send again, or 0 when under `limit` per window."""
    now = utcnow()
    since = now - timedelta(seconds=window_seconds)
    recent = list(collection().find(
        {"conversation_id": conversation_id, "sender": sender, "created_at": {"$gt": since}},
        {"created_at": 1}).sort("created_at", DESCENDING).skip(limit - 1).limit(1))
    if not recent:
        return 0
    freed_at = recent[0]["created_at"] + timedelta(seconds=window_seconds)
    return max(1, int((freed_at - now).total_seconds()) + 1)


def voice_paths_of_device(device_id):
    """The stored clips of every message with this receiver."""
    found = collection().find({"device_id": device_id, "voice.path": {"$exists": True}},
                              {"voice.path": 1})
    return {doc["voice"]["path"] for doc in found}


def delete_for_device(device_id):
    collection().delete_many({"device_id": device_id})


def voice_path_in_use(path):
    return collection().count_documents({"voice.path": path}, limit=1) > 0
