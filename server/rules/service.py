"""Rules flows for the API: read, replace, grant bonus time; every change goes live at once
to the receiver (its copy, to enforce offline) and to every session that manages it."""

from datetime import timedelta

from bson import ObjectId

from server.errors import ValidationError
from server.library import tracks as library_tracks
from server.realtime.hub import device_group, get_hub
from server.rules import access, clock, enforce, instant, schedule, store


def present(device):
    """The rules as the API shows them, with what applies right now."""
    rules = store.rules_of(device)
    shown = rules or schedule.with_defaults({"time_zone": access.household_time_zone(device)})
    where = instant.situation(shown, clock.now(), device.get("bonus_until"))
    listened = enforce.listened_today(device, where.day) if rules else 0.0
    return {"device_id": str(device["_id"]), "rules": shown, "set": rules is not None,
            "bonus_until": device.get("bonus_until"), "now": {
                "quiet": where.quiet, "bonus": where.bonus, "quiet_ends_at": where.quiet_ends_at,
                "max_volume": where.max_volume, "day": where.day,
                "listened_seconds": round(listened, 1),
                "limit_reached": instant.limit_reached(shown, listened)}}


def require_known_tracks(rules):
    named = {"bedtime.track_ids": rules["bedtime"]["track_ids"],
             "wake.track_id": [rules["wake"]["track_id"]] if rules["wake"]["track_id"] else []}
    wanted = {tid for ids in named.values() for tid in ids}
    found = {str(tid) for tid in library_tracks.find_tracks_by_ids({ObjectId(t) for t in wanted})}
    errors = {field: "names a track that does not exist" for field, ids in named.items()
              if set(ids) - found}
    if errors:
        raise ValidationError(errors)


def replace(device, body, base_url, app):
    """Validate and store the whole rules document; announce it."""
    if "time_zone" not in body:  # the household's, unless the receiver's room is elsewhere
        body = {**body, "time_zone": access.household_time_zone(device)}
    rules = schedule.validate(body)
    require_known_tracks(rules)
    store.ensure_totals(device["_id"])
    return announce(store.save_rules(device["_id"], rules), base_url, app)


def grant_bonus(device, minutes, base_url, app):
    """Bonus time from now (the rules' clock): quiet time lets play through until it ends."""
    if minutes not in schedule.BONUS_MINUTES:
        raise ValidationError({"minutes": "must be 15, 30 or 60"})
    until = clock.now() + timedelta(minutes=minutes)
    return announce(store.save_bonus(device["_id"], until), base_url, app)


def announce(device, base_url, app):
    """Send the receiver its new copy and every manager's phone the new rules."""
    hub = get_hub(app)
    shown = present(device)
    hub.publish(device_group(device["_id"]), {"type": "rules",
                                              "data": enforce.receiver_copy(device, base_url)})
    for group in access.manager_groups(device):
        hub.publish(group, {"type": "device.rules", "data": shown})
    return shown
