"""Where presence lives: one small document per connected device, one per serving process.

A device is online while its document in device_connections (keyed by the device id, so every
lookup is by primary key) names a socket of a live process. Connecting inserts it, closing
deletes it if that socket still holds it (a reconnect that raced ahead keeps it); each process
refreshes its own liveness document (server_processes) once per heartbeat interval, since its
sockets' liveness is its own heartbeat's business. A process silent for 3 intervals died: the
sweeper removes its devices' documents.

Why not fields on the device: on FerretDB v1 (SQLite) an update costs in proportion to the
collection's size (measured 9 ms in 2,000 devices, 1.2 ms in 10) while an insert stays under
1 ms, and per-socket heartbeats would be thousands of such updates a minute.
"""

from datetime import timedelta

from flask import current_app
from pymongo import ASCENDING
from pymongo.errors import BulkWriteError

from server.db import get_db, upsert_one
from server.jsonutil import utcnow

DUPLICATE_KEY = 11000


def ensure_indexes(db):
    db.device_connections.create_index([("process_id", ASCENDING)], name="connection_process")
    db.server_processes.create_index([("last_seen_at", ASCENDING)], name="process_seen")


def stale_after():
    """How long a silent process counts as alive: three heartbeat intervals."""
    return timedelta(seconds=3 * current_app.config["WS_HEARTBEAT_SECONDS"])


def beat(process_id):
    """This process is alive; True when its document was missing (swept, or never written)."""
    now = utcnow()
    result = upsert_one(get_db().server_processes, {"_id": process_id},
                        {"$set": {"last_seen_at": now}, "$setOnInsert": {"started_at": now}})
    return result.upserted_id is not None


def opened(sockets, process_id):
    """Each device of sockets [(device id, socket id)] is held by that socket of this process.

    One insert for the batch; a device another socket still holds (a second tab, or a
    reconnect that overtook the old socket's close) is handed over: the newest socket wins.
    """
    now = utcnow()
    docs = {}
    for device_id, conn_id in sockets:  # the later of two sockets of one device wins
        docs[device_id] = {"_id": device_id, "conn_id": conn_id, "process_id": process_id,
                           "connected_at": now}
    try:
        get_db().device_connections.insert_many(list(docs.values()), ordered=False)
    except BulkWriteError as error:
        problems = error.details.get("writeErrors", [])
        if any(problem.get("code") != DUPLICATE_KEY for problem in problems):
            raise
        values = list(docs.values())
        for problem in problems:
            doc = values[problem["index"]]
            get_db().device_connections.replace_one({"_id": doc["_id"]}, doc)


def closed(device_id, conn_id):
    """Forget the socket if it still holds the device; True when that made it offline."""
    return get_db().device_connections.delete_one(
        {"_id": device_id, "conn_id": conn_id}).deleted_count == 1


def is_process_listed(process_id):
    """Is this process's liveness document there (one read by _id)?"""
    return get_db().server_processes.find_one({"_id": process_id}, {"_id": 1}) is not None


def live_processes():
    cutoff = utcnow() - stale_after()
    return [doc["_id"] for doc in get_db().server_processes.find(
        {"last_seen_at": {"$gt": cutoff}}, {"_id": 1})]


def online_ids(device_ids):
    """The subset of device_ids with a socket in a live process."""
    if not device_ids:
        return set()
    live = live_processes()
    if not live:
        return set()
    cursor = get_db().device_connections.find(
        {"_id": {"$in": list(device_ids)}, "process_id": {"$in": live}}, {"_id": 1})
    return {doc["_id"] for doc in cursor}


def is_online(device_id):
    """One primary-key read and the (few) live processes."""
    doc = get_db().device_connections.find_one({"_id": device_id}, {"process_id": 1})
    return doc is not None and doc["process_id"] in live_processes()


def sweep_dead_processes():
    """Remove the sockets of processes that died; returns the device ids left offline."""
    cutoff = utcnow() - stale_after()
    dead = [doc["_id"] for doc in get_db().server_processes.find(
        {"last_seen_at": {"$lte": cutoff}}, {"_id": 1})]
    if not dead:
        return []
    held = [doc["_id"] for doc in get_db().device_connections.find(
        {"process_id": {"$in": dead}}, {"_id": 1})]
    get_db().device_connections.delete_many({"process_id": {"$in": dead}})
    get_db().server_processes.delete_many({"_id": {"$in": dead}})
    return held
