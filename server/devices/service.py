"""Device flows that span devices and pairing codes: register, new code, pair, unpair."""

from flask import request

from server import signup_limits
from server.devices import devices, pairing, pairing_limits
from server.errors import ApiError
from server.households import store as households
from server.households.access import household_of
from server.messages import service as messages
from server.realtime import commands
from server.realtime.hub import device_group, get_hub, household_group

CLOSE_DEVICE_REMOVED = 4401


def registration(device, raw_token, code):
    return {"device": devices.present_device(device), "device_token": raw_token,
            "pairing_code": code["code"], "pairing_expires_at": code["expires_at"]}


def register_device(name, address):
    """A new unpaired device, its token (shown once) and a first code; 429 when address is over."""
    signup_limits.take("device", address)
    device, raw_token = devices.register(name)
    return registration(device, raw_token, pairing.new_code(device["_id"]))


def new_pairing_code(device):
    code = pairing.new_code(device["_id"])
    return {"pairing_code": code["code"], "pairing_expires_at": code["expires_at"]}


def join_required(household):
    return ApiError(409, "household_join_required",
                    f"This receiver belongs to the household {household['name']!r}: join it "
                    "with the same code (POST /api/v1/household/join)",
                    {"household": {"name": household["name"]}})


def pair(code, user, name, app):
    """Bind the device showing `code` to the user's household; the code is used up.

    A receiver of another household is not taken: 409 household_join_required, with that
    household's name, and the code stays valid for the join. Every guess counts against the
    account and the address (429 when over); a right one is given back.
    """
    taken = pairing_limits.attempt(user["_id"], request.remote_addr or "unknown")
    record = pairing.find_valid(code)
    if record is None:
        raise ApiError(404, "invalid_pairing_code", "No such pairing code, or it has expired")
    pairing_limits.succeeded(taken)
    previous = devices.find_device(record["device_id"])
    if previous is None:
        raise ApiError(404, "invalid_pairing_code", "The device of that code no longer exists")
    household_id = household_of(user)
    other = previous.get("household_id")
    if other not in (None, household_id):
        owner = households.find(other)
        if owner is not None:
            raise join_required(owner)
    device = devices.set_household(record["device_id"], household_id, name)
    pairing.delete_for_device(device["_id"])
    hub = get_hub(app)
    public = devices.present_device(device)
    hub.publish(household_group(household_id), {"type": "device.paired",
                                                 "data": {"device": public}})
    hub.publish(device_group(device["_id"]), {"type": "device.paired", "data": {"device": public}})
    return public


def rename(device, name, app):
    public = devices.present_device(devices.rename(device["_id"], name))
    get_hub(app).publish(household_group(device["household_id"]),
                         {"type": "device.renamed", "data": {"device": public}})
    return public


def removed_message(device_id):
    return {"type": "device.removed", "data": {"device_id": str(device_id)}}


def unpair(device, app):
    """Forget the device: its token stops working and its live socket is closed (4401)."""
    pairing.delete_for_device(device["_id"])
    devices.delete(device["_id"])
    messages.forget_device(device["_id"])
    hub = get_hub(app)
    hub.publish(household_group(device["household_id"]), removed_message(device["_id"]))
    hub.publish(device_group(device["_id"]), removed_message(device["_id"]),
                close=CLOSE_DEVICE_REMOVED)


def send_command(user, command, base_url, app):
    """The REST fallback: the same command as on the socket."""
    commands.execute(household_of(user), command, base_url, get_hub(app).publish)
