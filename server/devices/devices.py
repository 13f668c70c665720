"""The devices collection: receivers, their hashed tokens, owner, last seen, state and queue.

A device token is "<device id>.<secret>": looked up by _id (every database, FerretDB included,
answers that from its primary key) and checked against the stored SHA-256 in constant time.

The queue is stored in the device document and changed by compare-and-set on queue_version
(FerretDB has no positional updates or transactions): read, compute, $set if unchanged, retry.
"""

import hmac
import secrets

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING

from server.accounts.tokens import digest
from server.db import get_db
from server.devices import connections
from server.devices import queue as queues
from server.errors import ApiError, not_found
from server.jsonutil import utcnow

CAS_ATTEMPTS = 8


def collection():
    return get_db().devices


def ensure_indexes(db):
    db.devices.create_index([("owner_id", ASCENDING), ("created_at", ASCENDING)],
                            name="device_owner")


def new_device(name):
    """(document to insert, raw token shown once) for an unpaired device."""
    device_id = ObjectId()
    raw = f"{device_id}.{secrets.token_urlsafe(32)}"
    now = utcnow()
    doc = {
        "_id": device_id, "name": name, "owner_id": None, "token_hash": digest(raw),
        "state": None,
        "queue": dict(queues.EMPTY), "queue_version": 0,
        "created_at": now, "updated_at": now, "last_seen_at": now,
    }
    return doc, raw


def register(name):
    """Insert an unpaired device; returns (doc, raw token shown once)."""
    doc, raw = new_device(name)
    collection().insert_one(doc)
    return doc, raw


def find_by_token(raw_token):
    """The device a raw device token belongs to, or None."""
    device_hex, _, secret = (raw_token or "").partition(".")
    try:
        device = collection().find_one({"_id": ObjectId(device_hex)}) if secret else None
    except InvalidId:
        return None
    if device is None or not hmac.compare_digest(device["token_hash"], digest(raw_token)):
        return None
    return device


def find_device(device_id):
    return collection().find_one({"_id": device_id})


def get_owned(device_id, user_id):
    """The user's device; 404 when it does not exist or is someone else's."""
    doc = find_device(device_id)
    if doc is None or doc.get("owner_id") != user_id:
        raise not_found("device")
    return doc


def list_owned(user_id, page, per_page):
    """(devices, total) of the user, oldest first."""
    query = {"owner_id": user_id}
    cursor = (collection().find(query).sort([("created_at", ASCENDING), ("_id", ASCENDING)])
              .skip((page - 1) * per_page).limit(per_page))
    return list(cursor), collection().count_documents(query)


def set_owner(device_id, user_id, name):
    """Bind the device to the user (re-pairing moves it); returns the updated document."""
    changes = {"owner_id": user_id, "updated_at": utcnow()}
    if name:
        changes["name"] = name
    collection().update_one({"_id": device_id}, {"$set": changes})
    return find_device(device_id)


def rename(device_id, name):
    collection().update_one({"_id": device_id}, {"$set": {"name": name, "updated_at": utcnow()}})
    return find_device(device_id)


def delete(device_id):
    collection().delete_one({"_id": device_id})


def seen(device_ids):
    """Remember that these devices were connected until now (written when they go offline)."""
    collection().update_many({"_id": {"$in": list(device_ids)}},
                             {"$set": {"last_seen_at": utcnow()}})


def save_state(device_id, state):
    collection().update_one({"_id": device_id}, {"$set": {
        "state": state, "last_seen_at": utcnow()}})


def edit_queue(device_id, change):
    """Apply change(queue) -> (new_queue, result) by compare-and-set; returns (queue, result).

    change returns new_queue None to leave the queue as it is.
    """
    for _ in range(CAS_ATTEMPTS):
        doc = find_device(device_id)
        if doc is None:
            raise not_found("device")
        new_queue, result = change(doc["queue"])
        if new_queue is None:
            return doc["queue"], result
        version = doc.get("queue_version", 0)
        updated = collection().update_one(
            {"_id": device_id, "queue_version": version},
            {"$set": {"queue": new_queue, "queue_version": version + 1, "updated_at": utcnow()}})
        if updated.modified_count == 1:
            return new_queue, result
    raise ApiError(409, "queue_conflict", "The queue changed too often; try again")


def public_queue(queue):
    return {"track_ids": [str(tid) for tid in queue["track_ids"]], "index": queue["index"]}


def public_state(state):
    if state is None:
        return None
    out = dict(state)
    if out.get("track_id") is not None:
        out["track_id"] = str(out["track_id"])
    return out


def present_devices(docs):
    """Devices as the API shows them, their presence read in one query."""
    online = connections.online_ids([doc["_id"] for doc in docs])
    return [present_device(doc, doc["_id"] in online) for doc in docs]


def present_device(doc, online=None):
    """The device as the API shows it (online: known already, or looked up)."""
    if online is None:
        online = connections.is_online(doc["_id"])
    return {
        "id": str(doc["_id"]),
        "name": doc["name"],
        "paired": doc.get("owner_id") is not None,
        "online": online,
        "state": public_state(doc.get("state")),
        "queue": public_queue(doc["queue"]),
        "created_at": doc["created_at"],
        "last_seen_at": utcnow() if online else doc["last_seen_at"],
    }
