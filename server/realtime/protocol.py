"""The /ws message protocol as pure functions: parse, validate, dispatch (docs/realtime.md).

Nothing here touches a socket: handle() takes a session, a message text and a publish
function and returns the replies for the sender, so tests call it directly.
"""

import json
import math
from dataclasses import dataclass

from bson import ObjectId
from bson.errors import InvalidId

from server.errors import ApiError, ValidationError

ACTIONS = ("play", "pause", "resume", "stop", "seek", "volume", "next", "prev", "sleep")
MAX_SLEEP_MINUTES = 600
MODES = ("now", "next", "last")
STATUSES = ("idle", "playing", "paused", "buffering", "stopped")
EVENTS = ("started", "paused", "resumed", "ended", "seeked", "volume_changed", "state_changed")
MAX_TRACKS_PER_COMMAND = 500
MAX_ID_LENGTH = 64
APP_TYPES = ("command", "ping", "pong")
RECEIVER_TYPES = ("state", "ping", "pong")


@dataclass
class Session:
    """Who is on the other end: an app session of a user, or a receiver (device)."""

    kind: str  # "app" or "receiver"
    user_id: ObjectId | None
    device_id: ObjectId | None
    base_url: str
    unpaired_until: float = 0.0  # monotonic time until which a receiver counts as unpaired
    device: dict | None = None  # a receiver's device document, as last read
    device_read_until: float = 0.0  # monotonic time until which that read may be reused
    rules: object | None = None  # a receiver's house rules as its process follows them


def bad_message(message, details=None):
    return ApiError(400, "bad_message", message, details)


def parse(text):
    """(type, id, data) of a message text; ApiError bad_message when it is not one."""
    try:
        message = json.loads(text)
    except (ValueError, TypeError):
        raise bad_message("The message is not valid JSON") from None
    if not isinstance(message, dict):
        raise bad_message("A message is a JSON object {type, id?, data}")
    msg_type, msg_id = message.get("type"), message.get("id")
    data = message.get("data", {})
    if msg_id is not None and not (isinstance(msg_id, str) and len(msg_id) <= MAX_ID_LENGTH):
        raise bad_message(f"id must be a string of at most {MAX_ID_LENGTH} characters")
    if not isinstance(msg_type, str):
        raise bad_message("type must be a string", {"id": msg_id})
    if not isinstance(data, dict):
        raise ValidationError({"data": "must be an object"})
    return msg_type, msg_id, data


def number(value):
    """A finite JSON number (booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def object_id(value):
    if not isinstance(value, str) or len(value) != 24:
        raise InvalidId(value)
    return ObjectId(value)


def track_ids_field(value, errors):
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_TRACKS_PER_COMMAND:
        errors["track_ids"] = f"must be a list of 1 to {MAX_TRACKS_PER_COMMAND} track ids"
        return None
    try:
        return [object_id(item) for item in value]
    except InvalidId:
        errors["track_ids"] = "every item must be a track id (24 hex characters)"
        return None


def validate_command(data):
    """The normalised command {device_id, action, ...}; ValidationError naming bad fields."""
    errors, command = {}, {}
    try:
        command["device_id"] = object_id(data.get("device_id"))
    except InvalidId:
        errors["device_id"] = "must be a device id (24 hex characters)"
    action = data.get("action")
    if action not in ACTIONS:
        errors["action"] = f"must be one of {', '.join(ACTIONS)}"
    command["action"] = action
    if action == "play":
        command["track_ids"] = track_ids_field(data.get("track_ids"), errors)
        command["mode"] = data.get("mode", "now")
        if command["mode"] not in MODES:
            errors["mode"] = f"must be one of {', '.join(MODES)}"
        position = data.get("position", data.get("start_position", 0))
        if not number(position) or position < 0:
            errors["position"] = "must be a number of seconds >= 0"
        command["position"] = position
    elif action == "seek":
        if not number(data.get("position")) or data["position"] < 0:
            errors["position"] = "must be a number of seconds >= 0"
        command["position"] = data.get("position")
    elif action == "volume":
        if not number(data.get("volume")) or not 0 <= data["volume"] <= 1:
            errors["volume"] = "must be a number from 0 to 1"
        command["volume"] = data.get("volume")
    elif action == "sleep":
        sleep_fields(data, command, errors)
    if errors:
        raise ValidationError(errors)
    return command


def sleep_fields(data, command, errors):
    """The sleep timer: {minutes} (0 cancels) or {end_of_track: true}, fading over fade_seconds."""
    end_of_track = data.get("end_of_track", False)
    minutes = data.get("minutes")
    if end_of_track is not True and end_of_track is not False:
        errors["end_of_track"] = "must be true or false"
    elif end_of_track and minutes is not None:
        errors["minutes"] = "must be left out with end_of_track"
    elif not end_of_track and (not number(minutes) or not 0 <= minutes <= MAX_SLEEP_MINUTES):
        errors["minutes"] = f"must be a number of minutes from 0 (cancel) to {MAX_SLEEP_MINUTES}"
    fade = data.get("fade_seconds", 10)
    if not number(fade) or not 0 <= fade <= 120:
        errors["fade_seconds"] = "must be a number of seconds from 0 to 120"
    command.update(end_of_track=end_of_track, minutes=minutes, fade_seconds=fade)


def validate_state(data):
    """The normalised receiver state; ValidationError naming bad fields."""
    errors, state = {}, {}
    if data.get("status") not in STATUSES:
        errors["status"] = f"must be one of {', '.join(STATUSES)}"
    state["status"] = data.get("status")
    track_id = data.get("track_id")
    try:
        state["track_id"] = None if track_id is None else object_id(track_id)
    except InvalidId:
        errors["track_id"] = "must be a track id or null"
    for name in ("position", "duration"):
        value = data.get(name, 0 if name == "position" else None)
        if value is not None and (not number(value) or value < 0):
            errors[name] = "must be a number of seconds >= 0" + (" or null" if name == "duration"
                                                                  else "")
        state[name] = value
    volume = data.get("volume", 1)
    if not number(volume) or not 0 <= volume <= 1:
        errors["volume"] = "must be a number from 0 to 1"
    state["volume"] = volume
    monotonic = data.get("monotonic")
    if monotonic is not None and (not number(monotonic) or monotonic < 0):
        errors["monotonic"] = "must be the receiver's monotonic clock in seconds, or absent"
    if monotonic is not None:
        state["monotonic"] = monotonic
    event = data.get("event")
    if event is not None and event not in EVENTS:
        errors["event"] = f"must be one of {', '.join(EVENTS)} or absent"
    state["event"] = event
    if errors:
        raise ValidationError(errors)
    return state


def ack(msg_id):
    return {"type": "ack", "id": msg_id, "data": {"id": msg_id}}


def error_reply(msg_id, error):
    """The `error` message for an ApiError raised while handling a message."""
    return {"type": "error", "id": msg_id, "data": {
        "id": msg_id, "code": error.code, "message": error.message, "details": error.details}}


def handle(session, text, publish):
    """The replies to one message text from session; errors become `error` replies."""
    from server.realtime import commands

    msg_id = None
    try:
        msg_type, msg_id, data = parse(text)
        allowed = APP_TYPES if session.kind == "app" else RECEIVER_TYPES
        if msg_type not in allowed:
            raise ApiError(400, "unknown_type", f"Unknown message type {msg_type!r}",
                           {"allowed": list(allowed)})
        if msg_type == "ping":
            return [{"type": "pong", "id": msg_id, "data": {}}]
        if msg_type == "pong":
            return []
        if msg_type == "command":
            commands.execute(commands.member_household(session.user_id),
                             validate_command(data), session.base_url, publish)
        else:
            commands.record_state(session, validate_state(data), publish)
        return [ack(msg_id)] if msg_id is not None else []
    except ApiError as error:
        return [error_reply(msg_id, error)]
