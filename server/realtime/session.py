"""A live session from connect to close: hello, hub membership, presence, the loop."""

import logging

from flask import current_app

from server.accounts.users import public_user
from server.devices import devices, presence
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
        "user": public_user(user), "devices": devices.present_devices(owned),
        "unread": messages.unread_for_user(user["_id"]), "heartbeat_seconds": heartbeat}}


def receiver_hello(device, base_url, heartbeat):
    """The snapshot a receiver resumes from: itself, its queue, state and current track."""
    track_id = queues.current(device["queue"])
    current = None if track_id is None else {
        "track_id": str(track_id), "audio_url": media_urls.audio_url(track_id, base_url)}
    return {"type": "hello", "data": {
        "device": devices.present_device(device, online=True), "current": current,
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
        went_online(app, device, connection.id)
        hello = receiver_hello(device, base_url, heartbeat)
    hub.join(connection, group)
    log.info("ws %s open %s %s", connection.id[:8], identity.kind, group)
    try:
        connection.send(hub.encode(hello))
        if identity.kind == "receiver":
            commands.announce_presence(device, True, hub.publish)
        connection.loop(handle_messages(connection, session, hub))
    finally:
        hub.leave(connection, group)
        if identity.kind == "receiver":
            went_offline(app, hub, device, connection.id)
        log.info("ws %s closed %s", connection.id[:8], group)


def went_online(app, device, conn_id):
    """Record the socket (an insert, in its turn) before the hello says online."""
    presence.get_writer(app).open(device["_id"], conn_id)


def went_offline(app, hub, device, conn_id):
    """Queue the socket's removal after its opening; announce offline if it was the last."""
    def announce():
        commands.announce_presence(devices.find_device(device["_id"]) or device, False,
                                   hub.publish)

    presence.get_writer(app).close(device["_id"], conn_id, announce)
