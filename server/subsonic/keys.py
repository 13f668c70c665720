"""Subsonic API keys (the OpenSubsonic apiKeyAuthentication extension), one per app.

A key is shown once; it is stored under its SHA-256 digest as _id (found by _id on every
call, like API tokens), and listed per user in one small document (server.id_lists).
The digest is also the key's public id, for listing and revoking.
"""

import hashlib
import secrets

from server.db import get_db
from server.errors import ApiError, ValidationError, not_found
from server.id_lists import IdList
from server.jsonutil import utcnow

PREFIX = "tcs_"
MAX_KEYS = 20
NAME_MAX = 60
LISTS = IdList("subsonic_key_lists", newest_first=True)


def collection():
    return get_db().subsonic_keys


def digest(raw_key):
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def check_name(name):
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= NAME_MAX:
        raise ValidationError({"name": f"must be a string of 1 to {NAME_MAX} characters"})
    return name.strip()


def create_key(user_id, name):
    """A new key for the user: (record, raw key shown once); 409 past MAX_KEYS."""
    name = check_name(name)
    if len(LISTS.ids(user_id)) >= MAX_KEYS:
        raise ApiError(409, "too_many_keys", f"Revoke a key first: at most {MAX_KEYS} keys")
    raw = PREFIX + secrets.token_urlsafe(32)
    record = {"_id": digest(raw), "user_id": user_id, "name": name, "created_at": utcnow(),
              "hint": raw[-4:]}
    # Inserted first: a crash before the list change leaves a key its owner cannot see but
    # can still use; never a listed key that does not work.
    collection().insert_one(record)
    LISTS.change(user_id, record["_id"], add=True)
    return record, raw


def user_id_for(raw_key):
    """The user id a raw key belongs to, or None."""
    if not isinstance(raw_key, str) or not raw_key.startswith(PREFIX) or len(raw_key) > 100:
        return None  # never looked up: a miss by _id scans the collection
    record = collection().find_one({"_id": digest(raw_key)})
    return record["user_id"] if record else None


def list_keys(user_id):
    records = (collection().find_one({"_id": key_id}) for key_id in LISTS.ids(user_id))
    return [record for record in records if record is not None]


def revoke_key(user_id, key_id):
    """Revoke one of the user's keys; 404 for an unknown key and someone else's alike."""
    if key_id not in LISTS.ids(user_id):
        raise not_found("key")
    collection().delete_one({"_id": key_id})
    LISTS.change(user_id, key_id, add=False)


def present(record):
    return {"id": record["_id"], "name": record["name"], "created_at": record["created_at"],
            "hint": record["hint"]}
