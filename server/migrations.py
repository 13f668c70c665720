"""Converting documents of older shapes to the ones reached by _id (`init-db` runs this).

Each step inserts the new documents first and deletes the old ones after, so a run that
stops half-way is completed by the next; every step is a no-op on converted data.
Migrations may scan: they run from the CLI, never in a request.
"""

import logging

from pymongo.errors import DuplicateKeyError, OperationFailure

log = logging.getLogger(__name__)


def drop_indexes(collection, names):
    """Drop the named indexes if present (old unique ones would refuse the new shapes)."""
    existing = set(collection.index_information())
    for name in names:
        if name in existing:
            try:
                collection.drop_index(name)
            except OperationFailure as error:
                log.warning("could not drop index %s: %s", name, error)


def insert_new(collection, doc):
    try:
        collection.insert_one(doc)
    except DuplicateKeyError:
        pass  # converted by an earlier, interrupted run


def tokens(db):
    """Tokens keyed by an ObjectId with a token_hash field become keyed by the digest."""
    drop_indexes(db.tokens, ["token_hash_unique", "token_user"])
    moved = 0
    for old in list(db.tokens.find({"token_hash": {"$exists": True}})):
        fields = {key: value for key, value in old.items() if key not in ("_id", "token_hash")}
        insert_new(db.tokens, {"_id": old["token_hash"], "epoch": 0, **fields})
        db.tokens.delete_one({"_id": old["_id"]})
        moved += 1
    return moved


STEPS = {"tokens": tokens}


def migrate(db):
    """Run every step; returns {step: documents converted}."""
    return {name: step(db) for name, step in STEPS.items()}
