"""API tokens: random, stored only as a SHA-256 hash, expiring, revocable.

Expiry is checked in the query (FerretDB has no TTL indexes) and swept by sweep_expired().
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from pymongo import ASCENDING

from server.db import get_db
from server.jsonutil import utcnow


def collection():
    return get_db().tokens


def ensure_indexes(db):
    db.tokens.create_index([("token_hash", ASCENDING)], unique=True, name="token_hash_unique")
    db.tokens.create_index([("user_id", ASCENDING)], name="token_user")
    db.tokens.create_index([("expires_at", ASCENDING)], name="token_expiry")


def digest(raw_token):
    """The stored form of a raw token (API tokens and device tokens alike)."""
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


def issue_token(user_id, *, ttl_days=None):
    """Create a token for the user and return the raw value (shown once, never stored)."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    days = ttl_days if ttl_days is not None else current_app.config["TOKEN_TTL_DAYS"]
    collection().insert_one({
        "token_hash": digest(raw),
        "user_id": user_id,
        "created_at": now,
        "expires_at": now + timedelta(days=days),
    })
    return raw


def lookup(raw_token):
    """The token's record, whether or not it is still valid; None when unknown."""
    return collection().find_one({"token_hash": digest(raw_token)})


def is_expired(record):
    return record["expires_at"] <= utcnow()


def revoke(raw_token):
    collection().delete_one({"token_hash": digest(raw_token)})


def revoke_all(user_id, *, keep_raw=None):
    """Revoke every token of the user, except optionally the one in use."""
    query = {"user_id": user_id}
    if keep_raw:
        query["token_hash"] = {"$ne": digest(keep_raw)}
    collection().delete_many(query)


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
