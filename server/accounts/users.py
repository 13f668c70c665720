"""The users collection. Usernames are unique regardless of case through `username_key`.

FerretDB has no collation, so the unique index sits on a normalised copy of the name.
"""

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from server import locks
from server.accounts import validation
from server.accounts.passwords import hash_password
from server.db import get_db
from server.errors import ApiError, ValidationError
from server.jsonutil import utcnow

PRIVATE_FIELDS = ("password_hash", "username_key")


def collection():
    return get_db().users


def ensure_indexes(db):
    db.users.create_index([("username_key", ASCENDING)], unique=True, name="username_key_unique")


def username_key(username):
    return username.strip().casefold()


def check_new_user(username, password, nickname=None):
    """422 naming every bad field of a sign-up."""
    problems = {
        "username": validation.username_problem(username),
        "password": validation.password_problem(password, username
                                                if isinstance(username, str) else None),
        "nickname": None if nickname is None else validation.nickname_problem(nickname),
    }
    problems = {name: text for name, text in problems.items() if text}
    if problems:
        raise ValidationError(problems)


def create_user(username, password, *, is_admin=False, nickname=None):
    """Insert a user after validating it; 409 when the name is taken in any letter case."""
    check_new_user(username, password, nickname)
    now = utcnow()
    doc = {
        "username": username,
        "username_key": username_key(username),
        "password_hash": hash_password(password),
        "nickname": nickname.strip() if nickname else username,
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
    update_user(user_id, {"is_admin": is_admin})


def update_user(user_id, changes):
    """$set the given fields (and updated_at); returns the updated document."""
    changes = {**changes, "updated_at": utcnow()}
    # Held so that, on FerretDB, a racing update cannot write back the old password hash.
    with locks.held(f"user:{user_id}"):
        collection().update_one({"_id": user_id}, {"$set": changes})
    return find_user(user_id)


def set_nickname(user_id, nickname):
    problem = validation.nickname_problem(nickname)
    if problem:
        raise ValidationError({"nickname": problem})
    return update_user(user_id, {"nickname": nickname.strip()})


def set_password(user, new_password):
    problem = validation.password_problem(new_password, user["username"])
    if problem:
        raise ValidationError({"new_password": problem})
    return update_user(user["_id"], {"password_hash": hash_password(new_password)})


def avatar_url(doc):
    """The avatar's public URL; the version query makes a new upload bypass caches."""
    if not doc.get("avatar_file"):
        return None
    return f"/media/avatars/{doc['_id']}?v={doc['avatar_file'][:12]}"


def public_user(doc):
    """The user as the API shows it (no hashes, no keys)."""
    return {
        "id": str(doc["_id"]),
        "username": doc["username"],
        "nickname": doc.get("nickname") or doc["username"],
        "is_admin": bool(doc.get("is_admin")),
        "avatar_url": avatar_url(doc),
        "jukebox_device_id": str(doc["jukebox_device_id"]) if doc.get("jukebox_device_id")
        else None,
        "created_at": doc["created_at"],
    }
