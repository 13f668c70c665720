"""The devices collection: receivers, their hashed tokens, household, last seen, state, queue.

A device token is "<device id>.<secret>": looked up by _id (every database, FerretDB included,
answers that from its primary key) and checked against the stored SHA-256 in constant time.

Every read-modify-write of a device document (queue, household, name) holds the device's lock:
FerretDB applies an update by writing the whole document back, so two racing updates of
different fields still lose one. The receiver's state reports, the most frequent write, go
to a document of their own (`device_states`), so they need no lock and revert nothing.
A receiver belongs to a household (`household_id`; None while unpaired), not to a person:
every member sees it. A household's devices are listed in one small document
(`device_lists`, _id the household id), so no request filters the devices collection.
"""

import functools
import hmac
import secrets

from bson import ObjectId
from bson.errors import InvalidId
from flask import current_app

from server import locks
from server.accounts.tokens import digest
from server.db import get_db, upsert_one
from server.devices import connections
from server.devices import queue as queues
from server.errors import not_found
from server.id_lists import IdList
from server.jsonutil import utcnow

MAX_DEVICES = 1000  # a household's receivers read in one go (listing, unread counts)
# The states this process has heard from its receivers and not yet written (the state
# writer's own map, in the app's extensions): they are written up to a second or more later,
# and a device this process shows shows its latest state, not the one before it.
UNWRITTEN_STATES_KEY = "tapcast.unwritten_device_states"


def collection():
    return get_db().devices


def states():
    return get_db().device_states


def ensure_indexes(db):
    """Nothing to index: devices and device lists are read by _id."""


def one_at_a_time(change):
    """Run a change of one device while holding that device's lock."""
    @functools.wraps(change)
    def locked(device_id, *args):
        with locks.held(f"device:{device_id}"):
            return change(device_id, *args)

    return locked


LISTS = IdList("device_lists", newest_first=False)


def household_device_ids(household_id):
    """The ids in the household's device list, oldest first (the reader checks each entry)."""
    return LISTS.ids(household_id)


def change_list(household_id, device_id, add):
    LISTS.change(household_id, device_id, add)


def new_device(name):
    """(document to insert, raw token shown once) for an unpaired device."""
    device_id = ObjectId()
    raw = f"{device_id}.{secrets.token_urlsafe(32)}"
    now = utcnow()
    doc = {
        "_id": device_id, "name": name, "household_id": None, "token_hash": digest(raw),
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


def get_in_household(device_id, household_id):
    """The household's device; 404 when it does not exist or is another household's."""
    doc = find_device(device_id)
    if doc is None or doc.get("household_id") is None or doc["household_id"] != household_id:
        raise not_found("device")
    return doc


def list_for_household(household_id, page, per_page):
    """(devices, total) of the household, oldest first, each read by _id."""
    docs = [doc for doc in map(find_device, household_device_ids(household_id))
            if doc is not None and doc.get("household_id") == household_id]
    start = (page - 1) * per_page
    return docs[start:start + per_page], len(docs)


def set_household(device_id, household_id, name):
    """Bind the device to the household; returns the updated document.

    The new household's list gains the device first and the old one loses it last, so a
    crash in between leaves at most a stale entry, which readers skip.
    """
    change_list(household_id, device_id, add=True)
    previous = take_household(device_id, household_id, name)
    if previous not in (None, household_id):
        change_list(previous, device_id, add=False)
    return find_device(device_id)


@one_at_a_time
def take_household(device_id, household_id, name):
    """Set the household (and name); returns the previous household id."""
    doc = find_device(device_id)
    changes = {"household_id": household_id, "updated_at": utcnow()}
    if name:
        changes["name"] = name
    collection().update_one({"_id": device_id}, {"$set": changes})
    return doc.get("household_id") if doc else None


def move_all(from_household_id, to_household_id):
    """Every receiver of one household moves to another (its last member joined that one)."""
    moved = [device_id for device_id in household_device_ids(from_household_id)
             if (find_device(device_id) or {}).get("household_id") == from_household_id]
    for device_id in moved:
        set_household(device_id, to_household_id, None)
    return moved


@one_at_a_time
def rename(device_id, name):
    collection().update_one({"_id": device_id}, {"$set": {"name": name, "updated_at": utcnow()}})
    return find_device(device_id)


def delete(device_id):
    doc = find_device(device_id)
    collection().delete_one({"_id": device_id})
    states().delete_one({"_id": device_id})
    if doc and doc.get("household_id") is not None:
        change_list(doc["household_id"], device_id, add=False)


def seen(device_ids):
    """Remember that these devices were connected until now (written when they go offline)."""
    for device_id in device_ids:
        upsert_one(states(), {"_id": device_id}, {"$set": {"last_seen_at": utcnow()}})


def save_state(device_id, state):
    """The receiver's latest state report, in its own document: it never races queue or household
    edits of the device document, and only the receiver writes it (the last report wins)."""
    upsert_one(states(), {"_id": device_id}, {"$set": {"state": state, "last_seen_at": utcnow()}})


@one_at_a_time
def edit_queue(device_id, change):
    """Apply change(queue) -> (new_queue, result) under the device's lock; (queue, result).

    change returns new_queue None to leave the queue as it is.
    """
    doc = find_device(device_id)
    if doc is None:
        raise not_found("device")
    new_queue, result = change(doc["queue"])
    if new_queue is None:
        return doc["queue"], result
    collection().update_one({"_id": device_id}, {"$set": {
        "queue": new_queue, "queue_version": doc.get("queue_version", 0) + 1,
        "updated_at": utcnow()}})
    return new_queue, result


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
    reported = states().find_one({"_id": doc["_id"]}) or {}
    unwritten = current_app.extensions.get(UNWRITTEN_STATES_KEY, {}).get(doc["_id"])
    return {
        "id": str(doc["_id"]),
        "name": doc["name"],
        "paired": doc.get("household_id") is not None,
        "online": online,
        "state": public_state(unwritten or reported.get("state")),
        "queue": public_queue(doc["queue"]),
        "created_at": doc["created_at"],
        "last_seen_at": utcnow() if online else reported.get("last_seen_at",
                                                             doc["last_seen_at"]),
    }
