"""The households collection: one small document per household, its roster inside it.

A household is a family, so its members (and its open invitations) live in its own document,
read by _id and changed under the household's lock. Which household a user is in is said by
the user's own document (`household_id`, read with every request anyway): that pointer is
the authority, the roster gives the role. A join or a move writes the new roster first, the
pointer next and the old roster last, so a crash in between leaves at most a stale roster
entry, which readers skip (`live_members`).
"""

import functools

from bson import ObjectId

from server import locks
from server.accounts import users
from server.db import get_db
from server.errors import not_found
from server.jsonutil import utcnow

ROLES = ("adult", "child")
DEFAULT_TIME_ZONE = "UTC"


def collection():
    return get_db().households


def ensure_indexes(db):
    """Nothing to index: households are read by _id."""


def find(household_id):
    return collection().find_one({"_id": household_id})


def get(household_id):
    """The household document; 404 when it is gone."""
    doc = find(household_id)
    if doc is None:
        raise not_found("household")
    return doc


def member_entry(user_id, role, allowed_categories=None):
    return {"user_id": user_id, "role": role, "allowed_categories": allowed_categories,
            "joined_at": utcnow()}


def new_household(founder, household_id=None):
    """The document of a household whose only member, an adult, is founder (a user doc)."""
    now = utcnow()
    name = f"{founder.get('nickname') or founder['username']}'s household"
    return {"_id": household_id or ObjectId(), "name": name[:60],
            "time_zone": DEFAULT_TIME_ZONE, "members": [member_entry(founder["_id"], "adult")],
            "invites": [], "created_at": now, "updated_at": now}


def one_at_a_time(change):
    """Run a change of one household while holding that household's lock."""
    @functools.wraps(change)
    def locked(household_id, *args, **kwargs):
        with locks.held(f"household:{household_id}"):
            return change(household_id, *args, **kwargs)

    return locked


def write(household_id, fields):
    """$set fields of the household (under its lock, by the caller)."""
    collection().update_one({"_id": household_id},
                            {"$set": {**fields, "updated_at": utcnow()}})


def live_members(doc):
    """The roster entries whose user still points at this household (stale ones skipped)."""
    out = []
    for entry in doc["members"]:
        user = users.find_user(entry["user_id"])
        if user is not None and user.get("household_id") == doc["_id"]:
            out.append((entry, user))
    return out


def entry_of(doc, user_id):
    """The roster entry of user_id in the household document, or None."""
    return next((entry for entry in doc["members"] if entry["user_id"] == user_id), None)


def adult_ids(doc):
    return [entry["user_id"] for entry, _ in live_members(doc) if entry["role"] == "adult"]
