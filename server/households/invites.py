"""Invitations: a short code an adult hands out, expiring, good for one join.

The household document lists its open invitations (the Family page reads them from there);
`household_invites` maps a code to its household by _id for the join. A code is used up
under the household's lock before the joiner moves, so two people racing with one code
get one join and one 404. Expired codes are pruned on each change and by `sweep`.
"""

import secrets
from datetime import timedelta

from flask import current_app
from pymongo.errors import DuplicateKeyError

from server.db import get_db
from server.errors import ApiError
from server.households import store
from server.jsonutil import utcnow

# The pairing codes' alphabet (no 0/O, 1/I/L: read off a screen), two letters longer so an
# invite never looks like a receiver's code.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_OPEN = 20  # open invitations per household


def collection():
    return get_db().household_invites


def ensure_indexes(db):
    db.household_invites.create_index("expires_at", name="household_invite_expiry")


def is_well_formed(code):
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def unexpired(invites, now):
    return [invite for invite in invites if invite["expires_at"] > now]


def no_such_invite():
    return ApiError(404, "invalid_invite", "No such invitation, or it was used or has expired")


@store.one_at_a_time
def create(household_id, role, created_by):
    """A new invitation of the household for role; the stored invite."""
    now = utcnow()
    doc = store.get(household_id)
    open_ones = unexpired(doc.get("invites", []), now)
    if len(open_ones) >= MAX_OPEN:
        raise ApiError(409, "too_many_invites", f"A household has at most {MAX_OPEN} open "
                       "invitations; wait for some to be used or to expire")
    hours = current_app.config["HOUSEHOLD_INVITE_HOURS"]
    invite = {"code": None, "role": role, "created_by": created_by, "created_at": now,
              "expires_at": now + timedelta(hours=hours)}
    while invite["code"] is None:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        try:
            collection().insert_one({"_id": code, "household_id": household_id,
                                     "expires_at": invite["expires_at"]})
            invite["code"] = code
        except DuplicateKeyError:
            continue  # taken (perhaps expired, not yet swept): draw again
    store.write(household_id, {"invites": [*open_ones, invite]})
    return invite


def household_of_code(code):
    """The household id an unexpired invite code belongs to, or None."""
    doc = collection().find_one({"_id": code})
    if doc is None or doc["expires_at"] <= utcnow():
        return None
    return doc["household_id"]


@store.one_at_a_time
def use(household_id, code):
    """Use the invite up; its stored form. 404 when it is gone, used or expired."""
    now = utcnow()
    doc = store.get(household_id)
    invite = next((item for item in unexpired(doc.get("invites", []), now)
                   if item["code"] == code), None)
    if invite is None:
        raise no_such_invite()
    store.write(household_id, {"invites": [item for item in unexpired(doc["invites"], now)
                                           if item["code"] != code]})
    collection().delete_one({"_id": code})
    return invite


def open_invites(household):
    return unexpired(household.get("invites", []), utcnow())


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
