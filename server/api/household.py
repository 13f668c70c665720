"""/api/v1/household: the signed-in user's household, its members, invitations and joins."""

from flask import Blueprint, request

from server.auth import current_user, login_required
from server.devices import qr
from server.errors import ValidationError
from server.households import access, invites, present, service
from server.households.access import adult_required
from server.requests_util import json_body, page_of
from server.rules import report

bp = Blueprint("household", __name__)


@bp.get("/household")
@login_required
def show_household():
    """The caller's household: name, time zone and the caller's role."""
    return present.for_member(current_user())


@bp.patch("/household")
@adult_required
def update_household():
    """Rename the household or change its IANA time zone (adults)."""
    return service.update(current_user(), json_body())


@bp.get("/household/members")
@login_required
def list_members():
    """Every member of the caller's household, adults first."""
    household, _ = access.membership(current_user())
    items = present.members(household)
    return page_of(items, len(items), 1, max(1, len(items)))


@bp.patch("/household/members/<oid:member_id>")
@adult_required
def change_member(member_id):
    """Make a member an adult or a child, or set a child's allowed categories (adults)."""
    return service.change_member(current_user(), member_id, json_body())


@bp.delete("/household/members/<oid:member_id>")
@adult_required
def remove_member(member_id):
    """Remove a member, or leave (your own id); 409 last_adult for the last adult."""
    service.remove_member(current_user(), member_id)
    return "", 204


@bp.get("/household/members/<oid:member_id>/report")
@login_required
def member_report(member_id):
    """A member's listening per day (?from=&to=, YYYY-MM-DD; default the last 14 days)."""
    household = access.readable_member(current_user(), member_id)
    return report.build_member(household, member_id, request.args.get("from"),
                               request.args.get("to"))


@bp.get("/household/invites")
@login_required
def list_invites():
    """The household's open invitations (adults)."""
    household = access.require_adult()
    items = present.open_invites(household, request.host_url)
    return page_of(items, len(items), 1, max(1, len(items)))


@bp.post("/household/invites")
@adult_required
def create_invite():
    """A new single-use invitation code, expiring (adults)."""
    body = json_body() if request.get_data() else {}
    return service.create_invite(current_user(), body), 201


@bp.get("/household/invite-qr.svg")
def invite_qr():
    """The QR code (SVG) of ?code=: the app's link that joins with that invitation."""
    code = request.args.get("code", "").strip().upper()
    if not invites.is_well_formed(code):
        raise ValidationError({"code": "must be an invitation code"})
    body = qr.svg(present.join_link(request.host_url, code))
    return body, 200, {"Content-Type": "image/svg+xml", "Cache-Control": "max-age=600"}


@bp.post("/household/join")
@login_required
def join():
    """Join the household of an invitation code or of a receiver's pairing code."""
    return service.join(current_user(), json_body())
