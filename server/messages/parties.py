"""Who takes part in a conversation: the receiver and the user who owns it.

A caller is either that user (a user token) or the receiver itself (its device token), both
sent as `Authorization: Bearer`. Anyone else sees 404, as if the device did not exist.
"""

import hashlib

from flask import g

from server import auth
from server.accounts import tokens
from server.db import get_db
from server.errors import ApiError, not_found


def find_device_by_token(raw_token):
    digest = hashlib.sha256(raw_token.encode("utf-8")).hexdigest()
    return get_db().devices.find_one({"token_hash": digest})


def find_device(device_id):
    return get_db().devices.find_one({"_id": device_id})


def caller_for(device_id):
    """(side, device, user_id) of the caller in the conversation of device_id; 401/404 else."""
    raw = auth.bearer_token()
    if raw is None:
        raise ApiError(401, "auth_required", "Send Authorization: Bearer <token or device token>",
                       headers={"WWW-Authenticate": "Bearer"})
    if tokens.lookup(raw) is None:
        device = find_device_by_token(raw)
        if device is None:
            raise ApiError(401, "invalid_token", "The token is unknown or has been revoked")
        if device["_id"] != device_id:
            raise not_found("device")
        if device.get("owner_id") is None:
            raise ApiError(409, "not_paired", "This receiver is not paired with anyone yet")
        g.device = device
        return "device", device, device["owner_id"]
    user = auth.current_user()
    device = find_device(device_id)
    if device is None or device.get("owner_id") != user["_id"]:
        raise not_found("device")
    return "user", device, user["_id"]


def owned_device_ids(user_id, device_ids):
    """The subset of device_ids the user owns now (one $in query)."""
    found = get_db().devices.find({"_id": {"$in": list(device_ids)}, "owner_id": user_id},
                                  {"_id": 1})
    return {doc["_id"] for doc in found}
