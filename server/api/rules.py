"""/api/v1/devices/<id>/rules, /bonus and /report: a receiver's house rules and listening."""

from flask import Blueprint, current_app, request

from server.auth import current_user, login_required
from server.requests_util import json_body
from server.rules import access, report, service

bp = Blueprint("rules", __name__)


def managed(device_id):
    return access.managed_device(current_user(), device_id)


@bp.get("/devices/<oid:device_id>/rules")
@login_required
def get_rules(device_id):
    """The receiver's house rules and what applies now."""
    return service.present(managed(device_id))


@bp.put("/devices/<oid:device_id>/rules")
@login_required
def put_rules(device_id):
    """Replace the receiver's house rules (fields left out take their defaults)."""
    return service.replace(managed(device_id), json_body(), request.host_url, current_app)


@bp.post("/devices/<oid:device_id>/bonus")
@login_required
def grant_bonus(device_id):
    """Grant bonus time (15, 30 or 60 minutes) through quiet time, from now."""
    minutes = json_body().get("minutes")
    return service.grant_bonus(managed(device_id), minutes, request.host_url, current_app)


@bp.get("/devices/<oid:device_id>/report")
@login_required
def get_report(device_id):
    """Listening per day (?from=&to=, YYYY-MM-DD; default the last 14 days)."""
    return report.build(managed(device_id), request.args.get("from"), request.args.get("to"))
