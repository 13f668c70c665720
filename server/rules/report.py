"""The listening report of one receiver or household member: per local day, minutes
listened, what played when, and when the rules stopped playback. Read by _id only: the totals
document, then each day's stretches."""

from datetime import date, timedelta

from server.errors import ValidationError
from server.library import tracks as library_tracks
from server.rules import access, clock, instant, member_tally, schedule, store

DEFAULT_DAYS = 14
MAX_DAYS = 62


def day_arg(text, name, errors):
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        errors[name] = "must be a date YYYY-MM-DD"
        return None


def date_range(from_text, to_text, today):
    """The days asked for (from..to inclusive); default: the DEFAULT_DAYS ending today."""
    errors = {}
    # Absent means the default; present but empty (`?to=`) is a bad date like any other.
    end = day_arg(to_text, "to", errors) if to_text is not None else date.fromisoformat(today)
    start = (day_arg(from_text, "from", errors) if from_text is not None
             else end and end - timedelta(days=DEFAULT_DAYS - 1))
    if not errors and start > end:
        errors["from"] = "must not be after to"
    elif not errors and (end - start).days >= MAX_DAYS:
        errors["to"] = f"the range spans at most {MAX_DAYS} days"
    if errors:
        raise ValidationError(errors)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def entry(doc, titles):
    out = {"kind": doc["kind"], "at": doc["at"],
           "track_id": str(doc["track_id"]) if doc.get("track_id") else None}
    if doc["kind"] == "play":
        out.update(seconds=doc["seconds"], title=titles.get(doc["track_id"]))
    else:
        out["reason"] = doc["reason"]
    return out


def days_of(owner_id, days):
    """The report's days of a receiver's or member's listening (read by _id only)."""
    totals = store.day_totals(owner_id)
    docs = {day: store.segments(owner_id, day, totals[day]["segments"])
            for day in days if day in totals}
    track_ids = {doc["track_id"] for found in docs.values() for doc in found
                 if doc.get("track_id")}
    titles = {tid: track.get("title") for tid, track in
              library_tracks.find_tracks_by_ids(track_ids).items()}
    return [{"day": day, "minutes": round(totals.get(day, {}).get("seconds", 0) / 60, 1),
             "entries": [entry(doc, titles) for doc in docs.get(day, [])]} for day in days]


def build(device, from_text, to_text):
    rules = schedule.with_defaults(device.get("rules") or {
        "time_zone": access.household_time_zone(device)})
    today = instant.situation(rules, clock.now()).day
    days = date_range(from_text, to_text, today)
    return {"device_id": str(device["_id"]), "time_zone": rules["time_zone"],
            "days": days_of(device["_id"], days)}


def build_member(household, member_id, from_text, to_text):
    """A member's report, by the days of the household's time zone (children are counted)."""
    time_zone = household["time_zone"]
    days = date_range(from_text, to_text, member_tally.local_day(clock.now(), time_zone))
    return {"member_id": str(member_id), "time_zone": time_zone,
            "days": days_of(member_id, days)}
