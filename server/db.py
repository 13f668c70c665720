"""One MongoClient per process, reached through get_db(); indexes for every query."""

import logging
import time

from flask import current_app
from pymongo import MongoClient
from pymongo.errors import (
    AutoReconnect,
    DuplicateKeyError,
    OperationFailure,
    PyMongoError,
    WriteError,
)

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.mongo"


def init_app(app):
    """Create the process's MongoClient lazily: it connects on first use, not here."""
    timeout = app.config["MONGO_TIMEOUT_MS"]
    client = MongoClient(
        app.config["MONGO_URI"],
        serverSelectionTimeoutMS=timeout,
        connectTimeoutMS=timeout,
        # A query never hangs a request for long, whatever the database does.
        socketTimeoutMS=max(timeout * 5, 10000),
        # A bounded pool: a burst of requests waits here for a connection, briefly, rather
        # than overrunning the database; a wait that long is a 503 like any other.
        maxPoolSize=app.config["MONGO_MAX_POOL_SIZE"],
        waitQueueTimeoutMS=max(timeout * 5, 10000),
        tz_aware=True,
        connect=False,
    )
    app.extensions[EXTENSION_KEY] = client


def get_client(app=None):
    return (app or current_app).extensions[EXTENSION_KEY]


def get_db(app=None):
    """The application's database handle."""
    app = app or current_app
    return get_client(app)[app.config["MONGO_DB"]]


def ping(app=None):
    """Round-trip to the database; raises pymongo's errors when it is unreachable."""
    get_db(app).command("ping")


def index_owners():
    """The modules that own a collection; each has ensure_indexes(db)."""
    from server import locks, rate_limits
    from server.accounts import tokens, users
    from server.devices import connections, devices, pairing
    from server.households import invites, store
    from server.library import tracks
    from server.library.catalogue import journal, snapshots
    from server.messages import conversations, messages
    from server.personal import favorites, history, playlists

    return (users, tokens, rate_limits, locks, tracks, journal, favorites, playlists, history,
            devices, pairing, connections, conversations, messages, snapshots, store, invites)


def ensure_indexes(app=None):
    """Create every index the API's queries need (idempotent)."""
    db = get_db(app)
    for module in index_owners():
        module.ensure_indexes(db)


def upsert_one(collection, query, update):
    """update_one(upsert=True) that survives a concurrent insert of the same unique key.

    Two racing upserts may both try to insert; the loser retries as a plain update.
    FerretDB may report that collision as a generic write error, not DuplicateKeyError.
    """
    try:
        return collection.update_one(query, update, upsert=True)
    except (DuplicateKeyError, WriteError):
        result = collection.update_one(query, update)
        if result.matched_count == 0:
            raise
        return result


BUSY_MARKERS = ("SQLITE_BUSY", "database is locked")


def is_transient(error):
    """A failure worth one more try: FerretDB's SQLite lock was busy, or the link dropped."""
    if isinstance(error, AutoReconnect):  # NetworkTimeout included
        return True
    return isinstance(error, OperationFailure) and any(
        marker in str(error) for marker in BUSY_MARKERS)


def retry_transient(operation, attempts=4, first_delay=0.05):
    """operation() retried with doubling back-off on transient failures.

    Only for idempotent writes (a $set that may already have been applied is harmless).
    """
    delay = first_delay
    for attempt in range(attempts):
        try:
            return operation()
        except PyMongoError as error:
            if attempt == attempts - 1 or not is_transient(error):
                raise
            log.warning("transient database error (%s); retrying in %.2fs", error, delay)
            time.sleep(delay)  # gevent-patched in a serving process
            delay *= 2
