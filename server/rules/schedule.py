"""Rules documents: validation of what a PUT sends, and the quiet-time week they describe.

A quiet entry {day, start, end} starts on `day` at `start` (local wall time) and ends at
`end`, on the next day when end <= start (19:30-07:00 crosses midnight). Entries are kept
as intervals in minutes of the week, Monday 00:00 = 0; an interval may run past the week's
end and then wraps to Monday.
"""

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from server.errors import ValidationError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
BONUS_MINUTES = (15, 30, 60)
BEDTIME_MODES = ("fade", "track")
ALLOWED_KINDS = ("categories", "playlists", "albums")
MAX_QUIET_ENTRIES = 28
MAX_LIST = 200
MAX_FADE_SECONDS = 120
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
HEX_ID = re.compile(r"^[0-9a-f]{24}$")

DEFAULTS = {
    "time_zone": "UTC",
    "max_volume": {"day": 1.0, "night": 1.0},
    "quiet_time": [],
    "bedtime": {"mode": "fade", "fade_seconds": 10, "track_ids": []},
    "wake": {"track_id": None},
    "daily_limit_minutes": None,
    "allowed": None,
}


def minutes(text):
    """Minutes after midnight of "HH:MM"; None when it is not one."""
    match = TIME.match(text) if isinstance(text, str) else None
    return int(match[1]) * 60 + int(match[2]) if match else None


def interval(entry):
    """(start, end) in minutes of the week of a valid quiet entry; end > start."""
    base = DAYS.index(entry["day"]) * DAY_MINUTES
    start, end = minutes(entry["start"]), minutes(entry["end"])
    return base + start, base + end + (DAY_MINUTES if end <= start else 0)


def overlaps(a, b):
    """Whether two week intervals share a minute, wrapping at the week's end."""
    return any(a[0] < b[1] + shift and b[0] + shift < a[1]
               for shift in (-WEEK_MINUTES, 0, WEEK_MINUTES))


def zone(name):
    """The ZoneInfo of an IANA name; None when unknown."""
    if not isinstance(name, str) or name not in available_zones():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


_zones = None


def available_zones():
    global _zones
    if _zones is None:
        _zones = available_timezones()
    return _zones


def number_in(value, low, high):
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def ids_field(value, errors, name, limit=MAX_LIST):
    if not isinstance(value, list) or len(value) > limit or not all(
            isinstance(item, str) and HEX_ID.match(item) for item in value):
        errors[name] = f"must be a list of at most {limit} ids (24 hex characters)"
        return []
    return list(dict.fromkeys(value))


def check_quiet(entries, errors):
    if not isinstance(entries, list) or len(entries) > MAX_QUIET_ENTRIES:
        errors["quiet_time"] = f"must be a list of at most {MAX_QUIET_ENTRIES} entries"
        return []
    kept = []
    for index, entry in enumerate(entries):
        name = f"quiet_time[{index}]"
        if not isinstance(entry, dict) or entry.get("day") not in DAYS:
            errors[f"{name}.day"] = f"must be one of {', '.join(DAYS)}"
            continue
        bad = [key for key in ("start", "end") if minutes(entry.get(key)) is None]
        for key in bad:
            errors[f"{name}.{key}"] = "must be a time HH:MM (00:00 to 23:59)"
        if bad:
            continue
        if entry["start"] == entry["end"]:
            errors[f"{name}.end"] = "must differ from start"
            continue
        clean = {"day": entry["day"], "start": entry["start"], "end": entry["end"]}
        for other_index, other in kept:
            if overlaps(interval(clean), interval(other)):
                errors[f"{name}"] = f"overlaps quiet_time[{other_index}]"
                break
        else:
            kept.append((index, clean))
    return [clean for _, clean in kept]


def check_volume(value, errors):
    if not isinstance(value, dict):
        errors["max_volume"] = "must be an object {day, night}"
        return dict(DEFAULTS["max_volume"])
    out = {}
    for key in ("day", "night"):
        out[key] = value.get(key, 1.0)
        if not number_in(out[key], 0, 1):
            errors[f"max_volume.{key}"] = "must be a number from 0 to 1"
    return out


def check_bedtime(value, errors):
    if not isinstance(value, dict) or value.get("mode", "fade") not in BEDTIME_MODES:
        errors["bedtime.mode"] = f"must be one of {', '.join(BEDTIME_MODES)}"
        return dict(DEFAULTS["bedtime"])
    out = {"mode": value.get("mode", "fade"), "fade_seconds": value.get("fade_seconds", 10)}
    if not number_in(out["fade_seconds"], 0, MAX_FADE_SECONDS):
        errors["bedtime.fade_seconds"] = f"must be a number of seconds from 0 to {MAX_FADE_SECONDS}"
    out["track_ids"] = ids_field(value.get("track_ids", []), errors, "bedtime.track_ids", 50)
    if out["mode"] == "track" and not out["track_ids"]:
        errors["bedtime.track_ids"] = "must name at least one track when mode is track"
    return out


def check_wake(value, errors):
    track_id = value.get("track_id") if isinstance(value, dict) else "bad"
    if track_id is not None and not (isinstance(track_id, str) and HEX_ID.match(track_id)):
        errors["wake.track_id"] = "must be a track id or null"
        return {"track_id": None}
    return {"track_id": track_id}


def check_limit(value, errors):
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                              or not 0 <= value <= DAY_MINUTES):
        errors["daily_limit_minutes"] = f"must be a whole number of minutes from 0 to " \
                                        f"{DAY_MINUTES}, or null"
        return None
    return value


def check_allowed(value, errors):
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - set(ALLOWED_KINDS):
        errors["allowed"] = f"must be null or an object of {', '.join(ALLOWED_KINDS)}"
        return None
    out = {}
    out["playlists"] = ids_field(value.get("playlists", []), errors, "allowed.playlists")
    for kind in ("categories", "albums"):
        items = value.get(kind, [])
        if not isinstance(items, list) or len(items) > MAX_LIST or not all(
                isinstance(item, str) and 0 < len(item) <= 200 for item in items):
            errors[f"allowed.{kind}"] = f"must be a list of at most {MAX_LIST} names"
            items = []
        out[kind] = list(dict.fromkeys(items))
    return out


def validate(body):
    """The complete rules document a PUT body describes; ValidationError naming bad fields.

    A field left out takes its default, so a PUT always stores a whole, consistent document.
    """
    errors = {}
    unknown = sorted(set(body) - set(DEFAULTS))
    for name in unknown:
        errors[name] = "is not a rules field"
    rules = {"time_zone": body.get("time_zone", DEFAULTS["time_zone"])}
    if zone(rules["time_zone"]) is None:
        errors["time_zone"] = "must be an IANA time zone name such as Europe/Berlin"
    rules["max_volume"] = check_volume(body.get("max_volume", DEFAULTS["max_volume"]), errors)
    rules["quiet_time"] = check_quiet(body.get("quiet_time", []), errors)
    rules["bedtime"] = check_bedtime(body.get("bedtime", DEFAULTS["bedtime"]), errors)
    rules["wake"] = check_wake(body.get("wake", DEFAULTS["wake"]), errors)
    rules["daily_limit_minutes"] = check_limit(body.get("daily_limit_minutes"), errors)
    rules["allowed"] = check_allowed(body.get("allowed"), errors)
    if errors:
        raise ValidationError(errors)
    return rules


def with_defaults(stored):
    """A stored rules document (or None: no rules) with every field present."""
    return {**DEFAULTS, **(stored or {})}
