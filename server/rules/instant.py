"""What the rules say at one instant: quiet or not, bonus, volume cap, the local day.

Quiet entries are wall times in the rules' time zone; an instant is turned into its local
wall time with zoneinfo, so a DST night is as long as the clocks say (11 hours from 19:00 to
07:00 when Europe/Berlin springs forward). Period starts and ends go back to UTC through
zoneinfo too (a wall time skipped by DST resolves as zoneinfo's fold=0 does).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from server.rules import schedule

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Situation:
    quiet: bool  # inside a quiet-time entry (bonus or not)
    bonus: bool  # an adult's bonus time is running
    period: str | None  # id of the quiet period in force: its local start, "2026-12-02T19:30"
    quiet_ends_at: datetime | None  # UTC end of that period (the wake time)
    max_volume: float
    day: str  # the local date, "2026-12-02": the listening limit's day

    @property
    def refuses_play(self):
        """Quiet time without bonus: play commands are refused."""
        return self.quiet and not self.bonus


def local_minute(local):
    """Minutes since Monday 00:00 of a local datetime."""
    return local.weekday() * schedule.DAY_MINUTES + local.hour * 60 + local.minute


def wall_to_utc(wall, tz):
    return wall.replace(tzinfo=tz).astimezone(UTC)


def current_entry(rules, minute):
    """(interval, minutes since its start) of the quiet entry holding minute, or None."""
    for entry in rules["quiet_time"]:
        start, end = schedule.interval(entry)
        for shift in (0, schedule.WEEK_MINUTES):
            if start <= minute + shift < end:
                return (start, end), minute + shift - start
    return None


def situation(rules, now, bonus_until=None):
    """The Situation of `rules` (validated, with defaults) at the aware instant `now`."""
    tz = schedule.zone(rules["time_zone"])
    local = now.astimezone(tz)
    found = current_entry(rules, local_minute(local))
    bonus = bonus_until is not None and now < bonus_until
    volumes = rules["max_volume"]
    if found is None:
        return Situation(False, bonus, None, None, volumes["day"], local.date().isoformat())
    (start, end), since = found
    wall_start = local.replace(tzinfo=None, second=0, microsecond=0) - since * MINUTE
    wall_end = wall_start + (end - start) * MINUTE
    return Situation(True, bonus, wall_start.isoformat(timespec="minutes"),
                     wall_to_utc(wall_end, tz), volumes["night"], local.date().isoformat())


def limit_reached(rules, listened_seconds):
    """Whether the day's listening has used up the daily limit (None: no limit)."""
    limit = rules["daily_limit_minutes"]
    return limit is not None and listened_seconds >= limit * 60
