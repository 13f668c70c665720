"""What a command or a state report does: queue edits, delivery to the receiver, fan-out.

Shared by the socket (protocol.handle) and the REST fallback (POST .../commands).
`publish(group, message)` is the hub's publish (or a test's recorder).
"""

import time

from flask import current_app

from server.accounts import users
from server.devices import connections, devices
from server.devices import queue as queues
from server.errors import ApiError, not_found
from server.households.access import household_of
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.realtime import media_urls, state_writer
from server.realtime.hub import device_group, household_group
from server.rules import enforce

UNPAIRED_RECHECK_SECONDS = 2  # pairing shows within this; an unpaired flood costs no reads
DEVICE_REUSE_SECONDS = 2  # periodic reports of one receiver share a read of its device


def household_online_device(household_id, device_id):
    """The device a command may go to: 404 unknown or another household's, 409 offline.

    Another household's device answers exactly like one that does not exist, so device ids
    cannot be probed.
    """
    device = devices.find_device(device_id)
    if device is None or device.get("household_id") is None \
            or device["household_id"] != household_id:
        raise not_found("device")
    if not connections.is_online(device["_id"]):
        raise ApiError(409, "device_offline", "The device is offline",
                       {"device_id": str(device_id)})
    return device


def member_household(user_id):
    """The household a socket's user is in now (read afresh: a member removed a moment ago
    must not steer its receivers while the close of their socket is on its way)."""
    user = users.find_user(user_id)
    if user is None:
        raise ApiError(401, "invalid_token", "The token's user no longer exists")
    return household_of(user)


def require_tracks(track_ids):
    found = library_tracks.find_tracks_by_ids(set(track_ids))
    missing = sorted({str(tid) for tid in track_ids if tid not in found})
    if missing:
        raise ApiError(404, "not_found", "Some tracks do not exist", {"track_ids": missing})


def play_message(device_id, queue, position, base_url):
    """The receiver command that starts the queue's current track at position."""
    track_id = queues.current(queue)
    return {"type": "command", "data": {
        "device_id": str(device_id), "action": "play", "track_id": str(track_id),
        "audio_url": media_urls.audio_url(track_id, base_url), "position": position,
        "queue": devices.public_queue(queue)}}


def announce_queue(device, queue, publish):
    message = {"type": "device.queue", "data": {
        "device_id": str(device["_id"]), "queue": devices.public_queue(queue)}}
    publish(device_group(device["_id"]), message)
    if device.get("household_id") is not None:
        publish(household_group(device["household_id"]), message)


def execute(household_id, command, base_url, publish):
    """Apply a validated command from a member of household_id and deliver it to the device."""
    device = household_online_device(household_id, command["device_id"])
    command = enforce.check_command(device, command)
    action = command["action"]
    if action == "play":
        require_tracks(command["track_ids"])
        queue, starts = devices.edit_queue(
            device["_id"], lambda q: queues.play(q, command["track_ids"], command["mode"]))
        if starts:
            publish(device_group(device["_id"]),
                    play_message(device["_id"], queue, command["position"], base_url))
        announce_queue(device, queue, publish)
    elif action in ("next", "prev"):
        step_to(device, 1 if action == "next" else -1, base_url, publish, strict=True)
    else:
        data = {key: value for key, value in command.items() if key != "device_id"}
        data["device_id"] = str(device["_id"])
        publish(device_group(device["_id"]), {"type": "command", "data": data})


def step_to(device, delta, base_url, publish, strict):
    """Move the queue by delta and play its new current track (409 queue_end when strict)."""
    def change(queue):
        moved = queues.step(queue, delta)
        return moved, moved is not None

    queue, moved = devices.edit_queue(device["_id"], change)
    if not moved:
        if strict:
            raise ApiError(409, "queue_end", "There is no track in that direction")
        return
    publish(device_group(device["_id"]), play_message(device["_id"], queue, 0, base_url))
    announce_queue(device, queue, publish)


def record_state(session, state, publish):
    """Tell the household's sessions a receiver's state, keep it, advance the queue on `ended`.

    An unpaired receiver's state goes nowhere and is not written (anyone can register one);
    after finding it unpaired, its reports are dropped unread for UNPAIRED_RECHECK_SECONDS.
    The device document gets the latest state through the state writer (seldom, bounded).
    """
    if time.monotonic() < session.unpaired_until:
        return
    device = session_device(session, fresh=state["event"] is not None)
    if device is None or device.get("household_id") is None:
        session.unpaired_until = time.monotonic() + UNPAIRED_RECHECK_SECONDS
        return
    state["updated_at"] = utcnow()
    state_writer.get_writer(current_app._get_current_object()).put(device["_id"], state)
    publish(household_group(device["household_id"]), {"type": "device.state", "data": {
        "device_id": str(device["_id"]), "state": devices.public_state(state)}})
    ended_current = state["track_id"] is not None and state["track_id"] == queues.current(
        device["queue"])
    if state["event"] == "ended" and ended_current and enforce.may_continue(session, device):
        step_to(device, 1, session.base_url, publish, strict=False)
    enforce.on_report(session, device, state, publish)


def session_device(session, fresh):
    """The receiver's device document; a periodic report reuses one read in the last seconds
    (an event, which may advance the queue, always reads it afresh)."""
    now = time.monotonic()
    if fresh or session.device is None or now >= session.device_read_until:
        session.device = devices.find_device(session.device_id)
        session.device_read_until = now + DEVICE_REUSE_SECONDS
    return session.device


def announce_presence(device, online, publish):
    if device.get("household_id") is not None:
        publish(household_group(device["household_id"]), {"type": "device.presence", "data": {
            "device_id": str(device["_id"]), "online": online}})
