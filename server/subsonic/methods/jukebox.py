"""jukeboxControl: the user's chosen receiver (jukebox_device_id on /api/v1/me) is the jukebox.

Every action goes through the app's remote (server.realtime.commands): the same queue
edits under the device's lock, the same messages to the receiver and the same
device.queue announcements to the owner's sessions, so the app, the receiver and the
Subsonic client stay in step. Status is what the receiver last reported.
"""

import random

from flask import current_app, g, request

from server.devices import devices
from server.devices import queue as queues
from server.errors import ApiError
from server.households.access import household_of
from server.library import tracks as library_tracks
from server.realtime import commands
from server.realtime.hub import device_group, get_hub
from server.subsonic import shapes
from server.subsonic.errors import GENERIC, MISSING_PARAMETER, SubsonicError, missing
from server.subsonic.methods.browsing import track_by_id, viewer
from server.subsonic.registry import method

ACTIONS = ("get", "status", "set", "start", "stop", "skip", "add", "clear", "remove",
           "shuffle", "setGain")


def jukebox():
    """The caller's jukebox receiver, online; error 0 with the reason otherwise."""
    user = g.subsonic_user
    if not user.get("jukebox_device_id"):
        raise SubsonicError(GENERIC, "No jukebox chosen: pick a receiver in the Tapcast app "
                                     "(Me › Subsonic apps)")
    try:
        return commands.household_online_device(household_of(user), user["jukebox_device_id"])
    except ApiError:
        raise SubsonicError(GENERIC, "The jukebox receiver is not online") from None


def publish(group, message):
    get_hub(current_app._get_current_object()).publish(group, message)


def send(device, action, **fields):
    """A remote command (pause, resume, stop, volume, play ...) exactly as the app sends it."""
    commands.execute(household_of(g.subsonic_user), {"device_id": device["_id"],
                                                     "action": action, **fields},
                     request.host_url, publish)


def edit_and_play(device, change, position=0, play=True):
    """Apply a queue edit under the device's lock, announce it, play its current track."""
    new_queue, _ = devices.edit_queue(device["_id"], lambda queue: (change(queue), None))
    commands.announce_queue(device, new_queue, publish)
    if play and queues.current(new_queue) is not None:
        publish(device_group(device["_id"]),
                commands.play_message(device["_id"], new_queue, position, request.host_url))
    return new_queue


def reported(device):
    return (devices.states().find_one({"_id": device["_id"]}) or {}).get("state") or {}


def status(device):
    fresh = devices.find_device(device["_id"]) or device
    state = reported(device)
    playing = state.get("status") in ("playing", "buffering")
    return fresh, {"currentIndex": fresh["queue"]["index"], "playing": playing,
                   "gain": float(state.get("volume", 1.0)),
                   "position": int(state.get("position") or 0)}


def song_ids(params):
    return [track_by_id(value)["_id"] for value in params.list("id")]


def index_of(params):
    index = params.int("index", low=0)
    if index is None:
        raise missing("index")
    return index


def act(action, device, params):
    if action == "set":
        ids_ = song_ids(params)
        playing = reported(device).get("status") == "playing"
        edit_and_play(device, lambda queue: queues.replace(queue, ids_), play=playing)
        if not ids_:
            send(device, "stop")
    elif action == "add":
        ids_ = song_ids(params)
        if ids_:
            send(device, "play", track_ids=ids_, mode="last", position=0)
    elif action == "start":
        start(device)
    elif action == "stop":
        send(device, "pause")
    elif action == "skip":
        index, offset = index_of(params), params.int("offset", 0, low=0)
        if queues.jump(device["queue"], index) is None:
            raise SubsonicError(MISSING_PARAMETER, "index is beyond the jukebox's queue")
        edit_and_play(device, lambda queue: queues.jump(queue, index) or queue, position=offset)
    elif action == "clear":
        edit_and_play(device, lambda queue: queues.replace(queue, []), play=False)
        send(device, "stop")
    elif action == "remove":
        remove(device, index_of(params))
    elif action == "shuffle":
        edit_and_play(device, lambda queue: queues.shuffled(queue, random.Random()), play=False)
    elif action == "setGain":
        gain = params.get("gain")
        try:
            volume = float(gain)
        except (TypeError, ValueError):
            raise SubsonicError(MISSING_PARAMETER, "gain must be a number from 0 to 1") from None
        if not 0 <= volume <= 1:
            raise SubsonicError(MISSING_PARAMETER, "gain must be a number from 0 to 1")
        send(device, "volume", volume=volume)


def start(device):
    """Resume the current track where it paused, else play it from the start."""
    current = queues.current(device["queue"])
    if current is None:
        raise SubsonicError(GENERIC, "The jukebox's queue is empty")
    state = reported(device)
    if str(state.get("track_id")) == str(current) and state.get("status") == "paused":
        send(device, "resume")
    else:
        edit_and_play(device, lambda queue: queue)


def remove(device, index):
    was_current = index == device["queue"]["index"]
    if queues.remove_at(device["queue"], index) is None:
        raise SubsonicError(MISSING_PARAMETER, "index is beyond the jukebox's queue")
    playing = reported(device).get("status") == "playing"
    new_queue = edit_and_play(device, lambda queue: queues.remove_at(queue, index) or queue,
                              play=was_current and playing)
    if was_current and queues.current(new_queue) is None:
        send(device, "stop")


@method("jukeboxControl")
def jukebox_control(params):
    action = params.required("action")
    if action not in ACTIONS:
        raise SubsonicError(MISSING_PARAMETER, f"action must be one of {', '.join(ACTIONS)}")
    device = jukebox()
    act(action, device, params)
    fresh, current = status(device)
    if action != "get":
        return {"jukeboxStatus": current}
    docs = library_tracks.find_tracks_by_ids(fresh["queue"]["track_ids"])
    fans = viewer()
    return {"jukeboxPlaylist": {**current, "entry": [shapes.song(docs[tid], fans)
                                                     for tid in fresh["queue"]["track_ids"]
                                                     if tid in docs]}}
