"""Who takes part in a conversation: the receiver and the household it belongs to.

A caller is either a member of that household (a user token) or the receiver itself (its
device token), both sent as `Authorization: Bearer`. Anyone else sees 404, as if the device
did not exist.
"""

from server import auth
from server.devices import devices
from server.errors import ApiError, not_found
from server.households.access import household_of


def caller_for(device_id):
    """(side, device, household_id) of the caller in the conversation of device_id; 401/404."""
    raw = auth.bearer_token()
    # A device token is "<device id>.<secret>"; a user token (no dot) costs no device query.
    device = devices.find_by_token(raw) if raw else None
    if device is None:
        household_id = household_of(auth.current_user())
        return "user", devices.get_in_household(device_id, household_id), household_id
    if device["_id"] != device_id:
        raise not_found("device")
    if device.get("household_id") is None:
        raise ApiError(409, "not_paired", "This receiver is not paired with anyone yet")
    return "device", device, device["household_id"]


def household_device_ids(household_id):
    """The ids of the household's devices now (its list, each checked by _id)."""
    docs, _ = devices.list_for_household(household_id, 1, devices.MAX_DEVICES)
    return [doc["_id"] for doc in docs]
