"""Who takes part in a conversation: the receiver and the user who owns it.

A caller is either that user (a user token) or the receiver itself (its device token), both
sent as `Authorization: Bearer`. Anyone else sees 404, as if the device did not exist.
"""

from server import auth
from server.devices import devices
from server.errors import ApiError, not_found


def caller_for(device_id):
    """(side, device, user_id) of the caller in the conversation of device_id; 401/404 else."""
    raw = auth.bearer_token()
    # A device token is "<device id>.<secret>"; a user token (no dot) costs no device query.
    device = devices.find_by_token(raw) if raw else None
    if device is None:
        user = auth.current_user()
        return "user", devices.get_owned(device_id, user["_id"]), user["_id"]
    if device["_id"] != device_id:
        raise not_found("device")
    if device.get("owner_id") is None:
        raise ApiError(409, "not_paired", "This receiver is not paired with anyone yet")
    return "device", device, device["owner_id"]


def owned_device_ids(user_id):
    """The ids of the devices the user owns now (the user's list, each checked by _id)."""
    docs, _ = devices.list_owned(user_id, 1, devices.MAX_DEVICES)
    return [doc["_id"] for doc in docs]
