"""The server's side of house rules: every command is checked here, and the process holding
a receiver's socket acts when quiet time starts or ends, a bonus expires or the limit is
reached (`tick`, run every RULES_TICK_SECONDS and after each state report).

Refusals: 409 quiet_time (quiet time without bonus), 409 limit_reached (the day's listening
is used up), 403 not_allowed (a track outside the allowed content). A volume above the cap
is lowered to it. Rules-driven commands to the receiver carry `reason`.
"""

import time

from bson import ObjectId

from server.devices import devices
from server.devices import queue as queues
from server.errors import ApiError
from server.realtime import media_urls
from server.realtime.hub import device_group
from server.rules import access, clock, content, instant, store
from server.rules.tally import Tally

STARTS_SOUND = ("play", "resume", "next", "prev")
RESEND_STOP_SECONDS = 5  # a receiver still playing after a stop gets it again
UNSET = object()


def situation_of(device, rules, now=None):
    return instant.situation(rules, now or clock.now(), device.get("bonus_until"))


def listened_today(device, day):
    return store.day_totals(device["_id"]).get(day, {}).get("seconds", 0.0)


def check_command(device, command):
    """The command as the rules let it through (volume capped); ApiError when refused."""
    rules = store.rules_of(device)
    if rules is None:
        return command
    now = clock.now()
    where = situation_of(device, rules, now)
    action = command["action"]
    if action in STARTS_SOUND and where.refuses_play:
        raise ApiError(409, "quiet_time", "It is quiet time on this receiver",
                       {"until": where.quiet_ends_at})
    if action in STARTS_SOUND and instant.limit_reached(rules, listened_today(device,
                                                                              where.day)):
        raise ApiError(409, "limit_reached", "Today's listening time is used up",
                       {"daily_limit_minutes": rules["daily_limit_minutes"]})
    if action == "play":
        refused = set(command["track_ids"]) - content.allowed_ids(rules["allowed"],
                                                                  command["track_ids"])
        if refused:
            raise ApiError(403, "not_allowed", "Some tracks are outside the allowed content",
                           {"track_ids": sorted(str(tid) for tid in refused)})
    if action == "volume" and command["volume"] > where.max_volume:
        command = {**command, "volume": where.max_volume}
    return command


class LiveRules:
    """What the socket's process remembers of one receiver between ticks."""

    def __init__(self, device_id):
        self.period = UNSET  # the quiet period in force at the last tick (None: day)
        self.bedtime = None  # the quiet period whose bedtime tracks were started
        self.state = None  # the receiver's latest report
        self.stop_sent = (None, 0.0)  # (reason, monotonic time) of the last stop sent
        self.tally = Tally(device_id)
        self.defaults = None  # rules of a receiver without any: its household's time zone


def live(session):
    if session.rules is None:
        session.rules = LiveRules(session.device_id)
    return session.rules


def on_report(session, device, state, publish):
    """Count a receiver's report and apply the rules to it."""
    memory = live(session)
    memory.state = state
    rules = store.rules_of(device) or default_rules(memory, device)
    now = clock.now()
    where = situation_of(device, rules, now)
    monotonic = state.get("monotonic")
    memory.tally.report(state, where.day, now, time.monotonic() if monotonic is None
                        else monotonic)
    apply(session, device, publish, now)


def may_continue(session, device):
    """Whether the queue may move on when a track ends (not into quiet time or past the
    limit, except through the bedtime tracks)."""
    rules = store.rules_of(device)
    if rules is None:
        return True
    memory = live(session)
    where = situation_of(device, rules)
    if memory.bedtime is not None and memory.bedtime == where.period:
        return True
    return not where.refuses_play and not instant.limit_reached(rules, memory.tally.seconds)


def closed(session):
    """The receiver's socket closed: write what it played so far."""
    if session.rules is not None:
        session.rules.tally.close()
        session.rules.tally.save()


def default_rules(memory, device):
    """No rules: listening days still follow the household's time zone (read once)."""
    if memory.defaults is None:
        memory.defaults = store.schedule.with_defaults(
            {"time_zone": access.household_time_zone(device)})
    return memory.defaults


def tick(session, publish):
    """Apply the rules to a connected receiver as time passes."""
    device = devices.find_device(session.device_id)
    if device is not None and device.get("household_id") is not None:
        apply(session, device, publish, clock.now())


def apply(session, device, publish, now):
    rules = store.rules_of(device)
    if rules is None:
        return
    memory = live(session)
    where = situation_of(device, rules, now)
    if memory.period is not UNSET and where.period != memory.period:
        changed(session, device, rules, where, memory.period, publish)
    memory.period = where.period
    state = memory.state or {}
    if state.get("status") not in ("playing", "buffering"):
        memory.stop_sent = (None, 0.0)  # it obeyed: a later stop is a new one
        return
    bedtime_track = (memory.bedtime is not None and memory.bedtime == where.period
                     and str(state.get("track_id")) in rules["bedtime"]["track_ids"])
    if where.refuses_play and not bedtime_track:
        stop(session, device, rules, "quiet_time", now, publish)
    elif instant.limit_reached(rules, memory.tally.seconds) and not bedtime_track:
        stop(session, device, rules, "limit_reached", now, publish)
    elif state.get("volume", 0) > where.max_volume + 1e-6:
        send(publish, device, {"action": "volume", "volume": where.max_volume,
                               "reason": "max_volume"})


def changed(session, device, rules, where, before, publish):
    """Quiet time started (bedtime) or ended (wake)."""
    if where.period is not None and rules["bedtime"]["mode"] == "track":
        live(session).bedtime = where.period
        play_now(session, device, rules["bedtime"]["track_ids"], "bedtime", publish)
    elif where.period is None and before is not None and rules["wake"]["track_id"]:
        play_now(session, device, [rules["wake"]["track_id"]], "wake", publish)


def play_now(session, device, hex_ids, reason, publish):
    """Replace the queue with these tracks and start them (the rules' own play)."""
    from server.realtime import commands  # commands imports this module

    track_ids = [ObjectId(tid) for tid in hex_ids]
    queue, _ = devices.edit_queue(device["_id"], lambda q: queues.play(q, track_ids, "now"))
    message = commands.play_message(device["_id"], queue, 0, session.base_url)
    message["data"]["reason"] = reason
    publish(device_group(device["_id"]), message)
    commands.announce_queue(device, queue, publish)


def stop(session, device, rules, reason, now, publish):
    """Fade out and pause; the stop is written to the listening report once."""
    memory = live(session)
    last_reason, sent_at = memory.stop_sent
    if last_reason == reason and time.monotonic() - sent_at < RESEND_STOP_SECONDS:
        return
    if last_reason != reason:
        memory.tally.stopped(reason, now, (memory.state or {}).get("track_id"))
    memory.stop_sent = (reason, time.monotonic())
    send(publish, device, {"action": "pause", "fade_seconds": rules["bedtime"]["fade_seconds"],
                           "reason": reason})


def send(publish, device, data):
    publish(device_group(device["_id"]), {"type": "command", "data": {
        "device_id": str(device["_id"]), **data}})


def receiver_copy(device, base_url):
    """The rules as the receiver keeps them to enforce offline (with media URLs)."""
    rules = store.rules_of(device)
    if rules is None:
        return None
    urls = {tid: media_urls.audio_url(tid, base_url)
            for tid in [*rules["bedtime"]["track_ids"], rules["wake"]["track_id"]] if tid}
    return {"rules": rules, "bonus_until": device.get("bonus_until"), "audio_urls": urls,
            "listened_today": listened_today(device, situation_of(device, rules).day)}
