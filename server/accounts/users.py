"""The users collection. Usernames are unique regardless of case through `username_key`.

FerretDB has no collation, so the unique index sits on a normalised copy of the name.
"""

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from server.accounts.passwords import hash_password
from server.db import get_db
from server.errors import ApiError
from server.jsonutil import utcnow

PRIVATE_FIELDS = ("password_hash", "username_key")


def collection():
    return get_db().users


def ensure_indexes(db):
    db.users.create_index([("username_key", ASCENDING)], unique=True, name="username_key_unique")


def username_key(username):
    return username.strip().casefold()


def create_user(username, password, *, is_admin=False, nickname=None):
    """Insert a user; 409 when the name is taken in any letter case."""
    now = utcnow()
    doc = {
        "username": username,
        "username_key": username_key(username),
        "password_hash": hash_password(password),
        "nickname": nickname or username,
        "is_admin": is_admin,
        "created_at": now,
        "updated_at": now,
    }
    try:
        doc["_id"] = collection().insert_one(doc).inserted_id
    except DuplicateKeyError:
        raise ApiError(409, "username_taken", "That username is already taken",
                       {"fields": {"username": "already taken"}}) from None
    return doc


def find_user(user_id):
    return collection().find_one({"_id": user_id})


def find_by_username(username):
    return collection().find_one({"username_key": username_key(username)})


def set_admin(user_id, is_admin=True):
    changes = {"is_admin": is_admin, "updated_at": utcnow()}
    collection().update_one({"_id": user_id}, {"$set": changes})


def public_user(doc):
    """The user as the API shows it (no hashes, no keys)."""
    return {
        "id": str(doc["_id"]),
        "username": doc["username"],
        "nickname": doc.get("nickname") or doc["username"],
        "is_admin": bool(doc.get("is_admin")),
        "avatar_url": doc.get("avatar_url"),
        "created_at": doc["created_at"],
    }
