"""A live session from connect to close: hello, hub membership, presence, the loop."""

import logging
import time

from flask import current_app

from server.accounts.users import public_user
from server.devices import devices
from server.devices import queue as queues
from server.messages import service as messages
from server.realtime import commands, media_urls
from server.realtime.connection import Connection, handle_messages
from server.realtime.hub import device_group, get_hub, user_group
from server.realtime.protocol import Session

log = logging.getLogger(__name__)
MAX_HELLO_DEVICES = 100


def app_hello(user, heartbeat):
    """The snapshot an app session starts from: the user and every device of theirs."""
    owned, _ = devices.list_owned(user["_id"], 1, MAX_HELLO_DEVICES)
    return {"type": "hello", "data": {
        "user": public_user(user), "devices": [devices.present_device(d) for d in owned],
        "unread": messages.unread_for_user(user["_id"]), "heartbeat_seconds": heartbeat}}


def receiver_hello(device, base_url, heartbeat):
    """The snapshot a receiver resumes from: itself, its queue, state and current track."""
    track_id = queues.current(device["queue"])
    current = None if track_id is None else {
        "track_id": str(track_id), "audio_url": media_urls.audio_url(track_id, base_url)}
    return {"type": "hello", "data": {
        "device": devices.present_device(device), "current": current,
        "unread": messages.unread_for_device(device), "heartbeat_seconds": heartbeat}}


def run(ws, identity, base_url):
    """Serve one authenticated socket until it closes."""
    app = current_app._get_current_object()
    hub = get_hub(app)
    hub.start()
    heartbeat = app.config["WS_HEARTBEAT_SECONDS"]
    connection = Connection(ws, heartbeat)
    if identity.kind == "app":
        user = identity.user
        session = Session("app", user["_id"], None, base_url)
        group, hello = user_group(user["_id"]), app_hello(user, heartbeat)
    else:
        device = identity.device
        session = Session("receiver", None, device["_id"], base_url)
        group = device_group(device["_id"])
        device = devices.mark_online(device["_id"], connection.id) or device
        hello = receiver_hello(device, base_url, heartbeat)
    hub.join(connection, group)
    log.info("ws %s open %s %s", connection.id[:8], identity.kind, group)
    try:
        connection.send(hub.encode(hello))
        if identity.kind == "receiver":
            commands.announce_presence(device, True, hub.publish)
        connection.loop(handle_messages(connection, session, hub),
                        keep_alive(session, connection, heartbeat))
    finally:
        hub.leave(connection, group)
        if identity.kind == "receiver" and devices.mark_offline(device["_id"], connection.id):
            commands.announce_presence(devices.find_device(device["_id"]) or device, False,
                                       hub.publish)
        log.info("ws %s closed %s", connection.id[:8], group)


def keep_alive(session, connection, heartbeat):
    """on_alive for the loop: a receiver's last_seen_at, written at most once per interval."""
    last = [time.monotonic()]

    def on_alive():
        if session.kind == "receiver" and time.monotonic() - last[0] >= heartbeat:
            last[0] = time.monotonic()
            devices.touch(session.device_id, connection.id)

    return on_alive
