"""The messages collection: text or voice, the document `<conversation id>:<seq>`.

Sending inserts the next seq (server.slots): racing senders get distinct, gapless numbers
on FerretDB too. A voice clip is also found by its public message id (an ObjectId, used in
its signed link) through a small `voice_clips` document.

Each message also carries its conversation's running tally, {"user": n, "device": m}: how
many messages each side had sent up to and including it. A side's unread count is then the
other side's tally at the newest message minus its tally at the read marker: two reads by
_id however long the backlog (counting the senders one by one took seconds at 250 unread).
"""

import re

import bson
from bson import ObjectId
from pymongo import ASCENDING

from server import slots
from server.db import get_db
from server.jsonutil import utcnow
from server.messages.conversations import MARKER, other_side

SENDERS_CACHED = 100_000  # (conversation, seq) -> sender never changes; one cache per process
_senders = {}
_last_seq = {}
DOCS_CACHED = 20_000
_docs = {}  # message _id -> its document, as stored


def collection():
    return get_db().messages


def clips():
    return get_db().voice_clips


def ensure_indexes(db):
    # Cleanup only (a removed receiver); requests read messages by _id.
    db.messages.create_index([("device_id", ASCENDING)], name="message_device")
    db.messages.create_index([("voice.path", ASCENDING)], name="message_voice_path")


def last_seq(conversation_id):
    """The highest seq of the conversation (0 before the first message)."""
    seq = slots.highest(collection(), conversation_id, _last_seq.get(conversation_id, 0))
    _last_seq[conversation_id] = seq
    return seq


def insert(conversation, sender, body):
    """Store a message under the next seq; body is {"kind": "text", "text"} or voice."""
    doc = {"message_id": ObjectId(), "conversation_id": conversation["_id"],
           "device_id": conversation["device_id"],
           "household_id": conversation.get("household_id", conversation.get("user_id")),
           "sender": sender, "created_at": utcnow(), **body}
    if body.get("voice"):
        clips().insert_one({"_id": doc["message_id"], "voice": body["voice"]})
    conversation_id = conversation["_id"]

    def numbered(seq):  # seq - 1 is stored (the numbers are gapless): its tally is there
        doc["tally"] = next_tally(conversation_id, seq, sender)
        return doc

    seq = slots.claim_next(collection(), conversation_id, numbered,
                           _last_seq.get(conversation_id, 0), number_field="seq")
    _last_seq[conversation_id] = seq
    doc.update(_id=slots.slot_id(conversation_id, seq), seq=seq)
    remember(bson.decode(bson.encode(doc), collection().codec_options))  # as read back
    return doc


def tally_at(conversation_id, seq):
    """{side: messages sent up to seq}; None for a message stored before tallies were."""
    if seq == 0:
        return {"user": 0, "device": 0}
    doc = at(conversation_id, seq)
    return doc.get("tally") if doc else None


def next_tally(conversation_id, seq, sender):
    """The tally of message seq from sender: its predecessor's, plus one."""
    before = tally_at(conversation_id, seq - 1)
    if before is None:
        return None  # an untallied conversation (migrations.message_tallies fills it in)
    return {**before, sender: before[sender] + 1}


def remember(doc):
    if len(_docs) >= DOCS_CACHED:
        _docs.clear()
    _docs[doc["_id"]] = doc


def at(conversation_id, seq):
    """The message, or None; messages never change, so each is read once per process (on
    FerretDB v1 a find by _id scans up to the document, so the newest cost the most)."""
    key = slots.slot_id(conversation_id, seq)
    if key not in _docs:
        doc = collection().find_one({"_id": key})
        if doc is None:
            return None
        remember(doc)
    return _docs[key]


def find(message_id):
    """The voice clip of a message by its public id ({"voice": ...}), or None."""
    return clips().find_one({"_id": message_id})


def page(conversation_id, page_no, per_page):
    """(messages newest first, total) of one conversation, each read by _id."""
    total = last_seq(conversation_id)
    top = total - (page_no - 1) * per_page
    docs = (at(conversation_id, seq) for seq in range(top, max(0, top - per_page), -1))
    return [doc for doc in docs if doc is not None], total


def sender_of(conversation_id, seq):
    key = (conversation_id, seq)
    if key not in _senders:
        if len(_senders) >= SENDERS_CACHED:
            _senders.clear()
        known = _docs.get(slots.slot_id(conversation_id, seq))
        doc = known or collection().find_one({"_id": slots.slot_id(conversation_id, seq)},
                                             {"sender": 1})
        _senders[key] = doc["sender"] if doc else None
    return _senders[key]


def count_unread(conversation, side):
    """How many of the other side's messages this side has not read."""
    marker = conversation.get(MARKER[side], 0)
    sender, last = other_side(side), last_seq(conversation["_id"])
    if last <= marker:
        return 0
    newest, read = tally_at(conversation["_id"], last), tally_at(conversation["_id"], marker)
    if newest is not None and read is not None:
        return newest[sender] - read[sender]
    # Not yet tallied (before `init-db` ran the migration): each sender read once.
    return sum(1 for seq in range(marker + 1, last + 1)
               if sender_of(conversation["_id"], seq) == sender)


def voice_paths_of_device(device_id):
    """The stored clips of every message with this receiver (a cleanup scan)."""
    found = collection().find({"device_id": device_id, "voice.path": {"$exists": True}},
                              {"voice.path": 1, "message_id": 1})
    return [(doc.get("message_id"), doc["voice"]["path"]) for doc in found]


def delete_for_device(device_id):
    collection().delete_many({"device_id": device_id})
    _docs.clear()  # this process's copies of the receiver's messages (others skip them by
    # their conversation, which is deleted too)
    prefix = re.escape(slots.head_id(collection(), f"{device_id}:"))
    slots.heads(collection()).delete_many({"_id": {"$regex": f"^{prefix}"}})


def voice_path_in_use(path):
    return collection().count_documents({"voice.path": path}, limit=1) > 0
