"""API tokens: random, stored under their SHA-256 digest as _id, expiring, revocable.

Every signed-in request finds its token by _id. Revoking all of a user's sessions (a
password change) raises the user's token epoch in one small per-user document instead of
finding the tokens: a token issued before the current epoch is revoked, except the one kept.
Expiry is checked on lookup (FerretDB has no TTL indexes) and swept by sweep_expired().
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from pymongo import ASCENDING

from server import locks
from server.db import get_db, upsert_one
from server.jsonutil import utcnow


def collection():
    return get_db().tokens


def epochs():
    return get_db().token_epochs


def ensure_indexes(db):
    db.tokens.create_index([("expires_at", ASCENDING)], name="token_expiry")


def digest(raw_token):
    """The stored form of a raw token (API tokens and device tokens alike)."""
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


def epoch_of(user_id):
    """{"epoch": n, "kept": digest or None} of the user (epoch 0 before any revocation)."""
    return epochs().find_one({"_id": user_id}) or {"epoch": 0, "kept": None}


def issue_token(user_id, *, ttl_days=None):
    """Create a token for the user and return the raw value (shown once, never stored)."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    days = ttl_days if ttl_days is not None else current_app.config["TOKEN_TTL_DAYS"]
    collection().insert_one({
        "_id": digest(raw),
        "user_id": user_id,
        "epoch": epoch_of(user_id)["epoch"],
        "created_at": now,
        "expires_at": now + timedelta(days=days),
    })
    return raw


def lookup(raw_token):
    """The token's record, whether or not it has expired; None when unknown or revoked."""
    record = collection().find_one({"_id": digest(raw_token)})
    if record is None:
        return None
    current = epoch_of(record["user_id"])
    if record.get("epoch", 0) < current["epoch"] and record["_id"] != current.get("kept"):
        return None
    return record


def is_expired(record):
    return record["expires_at"] <= utcnow()


def revoke(raw_token):
    collection().delete_one({"_id": digest(raw_token)})


def revoke_all(user_id, *, keep_raw=None):
    """Revoke every token of the user, except optionally the one in use."""
    with locks.held(f"token-epoch:{user_id}"):
        epoch = epoch_of(user_id)["epoch"] + 1
        kept = digest(keep_raw) if keep_raw else None
        upsert_one(epochs(), {"_id": user_id}, {"$set": {"epoch": epoch, "kept": kept}})


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
