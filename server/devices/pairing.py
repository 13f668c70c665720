"""Pairing codes: short, expiring, one device each.

FerretDB has no TTL indexes, so expiry is checked in every query and swept by sweep_expired().
"""

import secrets
from datetime import timedelta

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from server.db import get_db
from server.jsonutil import utcnow

# No 0/O, 1/I/L: the code is read off a screen and typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
TTL_MINUTES = 10


def collection():
    return get_db().pairing_codes


def ensure_indexes(db):
    db.pairing_codes.create_index([("code", ASCENDING)], unique=True, name="pairing_code_unique")
    db.pairing_codes.create_index([("device_id", ASCENDING)], name="pairing_device")
    db.pairing_codes.create_index([("expires_at", ASCENDING)], name="pairing_expiry")


def normalise(code):
    """The code as stored: upper case, spaces and dashes removed."""
    return "".join(ch for ch in str(code).upper() if ch not in " -")


def is_well_formed(code):
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def new_code(device_id):
    """Replace the device's codes with a fresh one; returns the stored record."""
    collection().delete_many({"device_id": device_id})
    now = utcnow()
    while True:
        record = {
            "code": "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)),
            "device_id": device_id,
            "created_at": now,
            "expires_at": now + timedelta(minutes=TTL_MINUTES),
        }
        try:
            collection().insert_one(record)
            return record
        except DuplicateKeyError:
            # An expired but not yet swept code can still hold the value: sweep, draw again.
            sweep_expired()


def find_valid(code):
    """The unexpired record for a code typed by a user, or None."""
    code = normalise(code)
    if not is_well_formed(code):
        return None
    return collection().find_one({"code": code, "expires_at": {"$gt": utcnow()}})


def delete_for_device(device_id):
    collection().delete_many({"device_id": device_id})


def sweep_expired():
    return collection().delete_many({"expires_at": {"$lte": utcnow()}}).deleted_count
