"""/api/v1/devices: receivers register and get codes; users pair, list, rename, unpair, command."""

from flask import Blueprint, current_app, request

from server.auth import bearer_token, current_user, login_required
from server.devices import devices, pairing, qr, service
from server.errors import ApiError, ValidationError
from server.households.access import adult_required, household_of
from server.realtime.protocol import validate_command
from server.requests_util import json_body, page_of, paging

bp = Blueprint("devices", __name__)
MAX_NAME = 60
DEFAULT_NAME = "Receiver"


def name_field(body, required):
    name = body.get("name")
    if name is None and not required:
        return None
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= MAX_NAME:
        raise ValidationError({"name": f"must be a string of 1 to {MAX_NAME} characters"})
    return name.strip()


def optional_body():
    """The JSON body if one was sent; registering needs none."""
    return json_body() if request.get_data() else {}


def current_device():
    """The device whose token is the Bearer token; 401 otherwise."""
    device = devices.find_by_token(bearer_token())
    if device is None:
        raise ApiError(401, "invalid_device_token", "Send the device token as Bearer",
                       headers={"WWW-Authenticate": "Bearer"})
    return device


def household_device(device_id):
    """The caller's household's device; 404 (as for none at all) when it is another's."""
    return devices.get_in_household(device_id, household_of(current_user()))


@bp.post("/devices")
def register():
    """Register a receiver: its id, secret token (shown once) and first pairing code."""
    name = name_field(optional_body(), required=False) or DEFAULT_NAME
    return service.register_device(name, request.remote_addr or "unknown"), 201


@bp.post("/devices/pairing-code")
def new_pairing_code():
    """A fresh pairing code for the calling receiver (device token as Bearer)."""
    return service.new_pairing_code(current_device()), 201


@bp.get("/devices/pairing-qr.svg")
def pairing_qr():
    """The QR code (SVG) a receiver shows for ?code=; it links the app with the code."""
    code = pairing.normalise(request.args.get("code", ""))
    if not pairing.is_well_formed(code):
        raise ValidationError({"code": "must be a pairing code"})
    body = qr.svg(qr.pairing_link(request.host_url, code))
    return body, 200, {"Content-Type": "image/svg+xml", "Cache-Control": "max-age=600"}


@bp.post("/devices/pair")
@adult_required
def pair():
    """Pair the receiver showing `code` with the signed-in adult's household."""
    body = json_body()
    code = body.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ValidationError({"code": "must be the code shown by the receiver"})
    name = name_field(body, required=False)
    return service.pair(code, current_user(), name, current_app), 200


@bp.get("/devices")
@login_required
def list_devices():
    """The household's devices, with their online state, queue and playback state."""
    page, per_page = paging()
    docs, total = devices.list_for_household(household_of(current_user()), page, per_page)
    return page_of(devices.present_devices(docs), total, page, per_page)


@bp.get("/devices/<oid:device_id>")
@login_required
def get_device(device_id):
    """One of the household's devices."""
    return devices.present_device(household_device(device_id))


@bp.patch("/devices/<oid:device_id>")
@adult_required
def rename_device(device_id):
    """Rename one of the household's devices (adults only)."""
    device = household_device(device_id)
    return service.rename(device, name_field(json_body(), required=True), current_app)


@bp.delete("/devices/<oid:device_id>")
@adult_required
def unpair_device(device_id):
    """Unpair and forget a device: its token stops working (adults only)."""
    service.unpair(household_device(device_id), current_app)
    return "", 204


@bp.post("/devices/<oid:device_id>/commands")
@login_required
def send_command(device_id):
    """Send a command as on the socket; 409 device_offline when the receiver is not connected."""
    body = {**json_body(), "device_id": str(device_id)}
    service.send_command(current_user(), validate_command(body), request.host_url,
                         current_app)
    return {"status": "sent"}, 202
