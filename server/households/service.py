"""What the household endpoints do: show and change the household, its members, invitations
and joins, and tell every member's phone live."""

from flask import current_app, request

from server.accounts import users
from server.devices import devices, pairing, pairing_limits
from server.errors import ValidationError, not_found
from server.households import access, invites, moves, present, store, validation
from server.realtime import revocation
from server.realtime.hub import get_hub, household_group


def notify(household_id, event_type, data):
    """Every live session of the household's members hears of the change."""
    get_hub(current_app).publish(household_group(household_id),
                                 {"type": event_type, "data": data})


def update(user, body):
    """Rename the household or change its time zone (adults); the household."""
    validation.only(body, ("name", "time_zone"))
    household = access.require_adult(user)
    fields = {}
    if "name" in body:
        fields["name"] = validation.name(body["name"])
    if "time_zone" in body:
        fields["time_zone"] = validation.time_zone(body["time_zone"])
    doc = moves.rename(household["_id"], fields) if fields else household
    shown = present.household(doc, store.entry_of(doc, user["_id"]))
    notify(doc["_id"], "household.changed", {"household": {
        key: shown[key] for key in ("id", "name", "time_zone")}})
    return shown


def live_member(household, member_id):
    """(roster entry, user) of a live member of the household; 404 otherwise."""
    for entry, member in store.live_members(household):
        if entry["user_id"] == member_id:
            return entry, member
    raise not_found("member")


def change_member(user, member_id, body):
    """Change a member's role or a child's allowed categories (adults); the member."""
    validation.only(body, ("role", "allowed_categories"))
    household = access.require_adult(user)
    live_member(household, member_id)
    changes = {}
    if "role" in body:
        changes["role"] = validation.role(body["role"])
    if "allowed_categories" in body:
        changes["allowed_categories"] = validation.allowed_categories(
            body["allowed_categories"])
    if not changes:
        raise ValidationError({"role": "send role and/or allowed_categories"})
    entry = moves.change_member(household["_id"], member_id, changes)
    shown = present.member(entry, users.find_user(member_id))
    notify(household["_id"], "household.member_changed", {"member": shown})
    return shown


def remove_member(user, member_id):
    """An adult removes a member, or leaves (their own id): the member is moved into a new
    household of their own and loses this one's data at once (REST and /ws)."""
    household = access.require_adult(user)
    _, member = live_member(household, member_id)
    moves.leave(member)
    revocation.household_changed(member_id)
    notify(household["_id"], "household.member_removed", {"member_id": str(member_id)})


def create_invite(user, body):
    """A new invitation code (adults); role "adult" (default) or "child"."""
    validation.only(body, ("role",))
    household = access.require_adult(user)
    role = validation.role(body.get("role", "adult"))
    item = invites.create(household["_id"], role, user["_id"])
    return present.invite(item, request.host_url)


def household_of_code(user, code):
    """(household id, invite code or None) a join code names; 404 when it names none.

    Every code tried counts as a pairing guess (429 when over); a right one is given back.
    """
    taken = pairing_limits.attempt(user["_id"], request.remote_addr or "unknown")
    code = pairing.normalise(code)
    household_id = None
    if invites.is_well_formed(code):
        household_id = invites.household_of_code(code)
    elif pairing.is_well_formed(code):
        record = pairing.find_valid(code)
        device = record and devices.find_device(record["device_id"])
        household_id = device and device.get("household_id")
    if household_id is None or store.find(household_id) is None:
        raise invites.no_such_invite()
    pairing_limits.succeeded(taken)
    return household_id, code if invites.is_well_formed(code) else None


def join(user, body):
    """Join the household of an invitation code, or of a receiver's pairing code (as an adult:
    the code on the receiver proves you are in the room); its adults are told."""
    validation.only(body, ("code",))
    code = body.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 32:
        raise ValidationError({"code": "must be an invitation code or a receiver's code"})
    access.require_adult(user)  # a child cannot take themselves out of their household
    household_id, invite_code = household_of_code(user, code)
    if household_id == access.household_of(user):
        return present.for_member(user)
    role = invites.use(household_id, invite_code)["role"] if invite_code else "adult"
    left = access.household_of(user)
    emptied = moves.move_user(user, household_id, role)
    if emptied is not None:
        devices.move_all(emptied, household_id)
        moves.forget_if_empty(emptied)
    else:
        notify(left, "household.member_removed", {"member_id": str(user["_id"])})
    revocation.household_changed(user["_id"])
    household = store.get(household_id)
    entry = store.entry_of(household, user["_id"])
    notify(household_id, "household.member_joined", {"member": present.member(entry, user)})
    return present.household(household, entry)

