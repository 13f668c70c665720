"""Rules, bonus time and listening as stored: read by _id, listening written by insert.

The rules and the bonus live in the device document, which every command reads already, so
checking rules costs no extra read. Listening is one inserted document per played stretch
(`listening`, _id "<device>:<day>:<n>") and one small document per receiver
(`listening_totals`, _id the device id) holding each day's seconds and stretch count: the
report reads it by _id and then the stretches by _id, never a filter. A child's listening,
counted from their own player's reports (server.rules.member_tally), is kept the same way
under the child's user id (ObjectIds never collide), its totals document holding also the
last report and the open stretch, since consecutive reports may reach different processes.
"""

from datetime import date, timedelta

from pymongo.errors import DuplicateKeyError

from server.db import get_db, upsert_one
from server.devices import devices
from server.jsonutil import utcnow
from server.rules import schedule

KEEP_DAYS = 62  # per-day totals kept in a receiver's totals document (the report's range)


def rules_of(device):
    """The device's rules with every field, or None when none were set."""
    stored = device.get("rules")
    return None if stored is None else schedule.with_defaults(stored)


@devices.one_at_a_time
def save_rules(device_id, rules):
    devices.collection().update_one({"_id": device_id}, {"$set": {
        "rules": rules, "updated_at": utcnow()}})
    return devices.find_device(device_id)


@devices.one_at_a_time
def save_bonus(device_id, until):
    devices.collection().update_one({"_id": device_id}, {"$set": {
        "bonus_until": until, "updated_at": utcnow()}})
    return devices.find_device(device_id)


def totals_collection():
    return get_db().listening_totals


def listening_collection():
    return get_db().listening


def ensure_totals(device_id):
    """Create the receiver's totals document, so later reads by _id always hit."""
    try:
        totals_collection().insert_one({"_id": device_id, "days": {}})
    except DuplicateKeyError:
        pass


def day_totals(device_id):
    """{day: {"seconds", "segments"}} of the receiver."""
    doc = totals_collection().find_one({"_id": device_id})
    return doc["days"] if doc else {}


def totals_of(owner_id):
    """The whole totals document of a receiver or member, created when missing."""
    doc = totals_collection().find_one({"_id": owner_id})
    if doc is None:
        ensure_totals(owner_id)
        doc = totals_collection().find_one({"_id": owner_id})
    return doc


def save_day(device_id, day, seconds, segments, days_known):
    """Write one day's totals; days KEEP_DAYS before it are dropped on the way."""
    save_days(device_id, {day: (seconds, segments)}, days_known)


def save_days(owner_id, days, days_known, fields=None):
    """Write {day: (seconds, segments)} and fields in one update; old days are dropped."""
    cutoff = (date.fromisoformat(max(days)) - timedelta(days=KEEP_DAYS)).isoformat()
    update = {"$set": {**(fields or {}), **{
        f"days.{day}": {"seconds": round(seconds, 1), "segments": segments}
        for day, (seconds, segments) in days.items()}}}
    old = [known for known in days_known if known < cutoff and known not in days]
    if old:
        update["$unset"] = {f"days.{known}": "" for known in old}
    upsert_one(totals_collection(), {"_id": owner_id}, update)


def insert_segment(device_id, day, number, fields):
    """Insert stretch `number` of the day; returns the number it got (the next free one)."""
    while True:
        try:
            listening_collection().insert_one({
                "_id": f"{device_id}:{day}:{number}", "owner_id": device_id, "day": day,
                **fields})
            return number
        except DuplicateKeyError:
            number += 1  # another socket of the same receiver took it


def segments(device_id, day, count):
    """The day's stretches 1..count, in order, each read by _id."""
    found = (listening_collection().find_one({"_id": f"{device_id}:{day}:{n}"})
             for n in range(1, count + 1))
    return [doc for doc in found if doc is not None]
