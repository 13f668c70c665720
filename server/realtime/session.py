"""A live session from connect to close: hello, hub membership, presence, the loop."""

import logging

import gevent
from flask import current_app

from server.accounts.users import public_user
from server.devices import devices, presence
from server.devices import queue as queues
from server.errors import ApiError
from server.households import present as households_present
from server.households.access import household_of
from server.jsonutil import utcnow
from server.messages import service as messages
from server.realtime import commands, media_urls, protocol
from server.realtime.connection import (
    CLOSE_TOO_MANY_SOCKETS,
    CLOSE_UNAUTHORIZED,
    Connection,
    handle_messages,
)
from server.realtime.hub import device_group, get_hub, household_group, token_group, user_group
from server.realtime.protocol import Session
from server.rules import enforce

log = logging.getLogger(__name__)
MAX_HELLO_DEVICES = 100


def app_hello(user, heartbeat):
    """The snapshot an app session starts from: the user, their household and its devices."""
    household_id = household_of(user)
    docs, _ = devices.list_for_household(household_id, 1, MAX_HELLO_DEVICES)
    return {"type": "hello", "data": {
        "user": public_user(user), "household": households_present.for_member(user),
        "devices": devices.present_devices(docs),
        "unread": messages.unread_for_household(household_id), "heartbeat_seconds": heartbeat}}


def receiver_hello(device, base_url, heartbeat):
    """The snapshot a receiver resumes from: itself, its queue, state and current track."""
    track_id = queues.current(device["queue"])
    current = None if track_id is None else {
        "track_id": str(track_id), "audio_url": media_urls.audio_url(track_id, base_url)}
    return {"type": "hello", "data": {
        "device": devices.present_device(device, online=True), "current": current,
        "unread": messages.unread_for_device(device), "heartbeat_seconds": heartbeat,
        "rules": enforce.receiver_copy(device, base_url)}}


def run(ws, identity, base_url):
    """Serve one authenticated socket until it closes."""
    app = current_app._get_current_object()
    hub = get_hub(app)
    hub.start()
    heartbeat = app.config["WS_HEARTBEAT_SECONDS"]
    connection = Connection(ws, heartbeat, app.config["WS_ABUSE_COOLDOWN_SECONDS"])
    if identity.kind == "app":
        groups = [user_group(identity.user["_id"]), token_group(identity.token),
                  household_group(household_of(identity.user))]
    else:
        groups = [device_group(identity.device["_id"])]
    # Joined before anything can yield, so sockets connecting at once all count.
    for group in groups:
        hub.join(connection, group)
    try:
        if identity.kind == "app" and hub.count(groups[1]) > app.config["WS_SOCKETS_PER_TOKEN"]:
            refuse(connection, hub, CLOSE_TOO_MANY_SOCKETS, "too many sockets for this token")
            return
        serve(app, hub, connection, identity, base_url)
    finally:
        for group in groups:
            hub.leave(connection, group)


def serve(app, hub, connection, identity, base_url):
    """Hello, presence, and the message loop of an admitted socket."""
    heartbeat = connection.heartbeat
    if identity.kind == "app":
        session = Session("app", identity.user["_id"], None, base_url)
        hello = app_hello(identity.user, heartbeat)
    else:
        device = identity.device
        session = Session("receiver", None, device["_id"], base_url)
        went_online(app, device, connection.id)
        hello = receiver_hello(device, base_url, heartbeat)
    expiry = expire_at(connection, identity.expires_at)
    who = (user_group(identity.user["_id"]) if identity.kind == "app"
           else device_group(identity.device["_id"]))
    log.info("ws %s open %s %s", connection.id[:8], identity.kind, who)
    ticker = None
    try:
        connection.send(hub.encode(hello))
        if identity.kind == "receiver":
            commands.announce_presence(device, True, hub.publish)
            ticker = gevent.spawn(follow_rules, app, session, hub.publish)
        connection.loop(handle_messages(connection, session, hub))
    finally:
        for greenlet in (expiry, ticker):
            if greenlet is not None:
                greenlet.kill(block=False)
        if identity.kind == "receiver":
            enforce.closed(session)
            went_offline(app, hub, device, connection.id)
        log.info("ws %s closed %s", connection.id[:8], who)


def follow_rules(app, session, publish):
    """Apply the receiver's house rules as time passes (quiet time, wake, bonus expiry)."""
    every = app.config["RULES_TICK_SECONDS"]
    while True:
        gevent.sleep(every)
        try:
            with app.app_context():
                enforce.tick(session, publish)
        except Exception:
            log.exception("house rules of device %s not applied", session.device_id)


def refuse(connection, hub, code, reason):
    """Send an `error`, close with code and drain until the peer answers."""
    error = ApiError(429, "too_many_sockets", reason)
    connection.send(hub.encode(protocol.error_reply(None, error)))
    connection.close(code, reason)
    connection.loop(lambda text: None)


def expire_at(connection, expires_at):
    """Close the socket with 4401 when its token expires (None when it never does)."""
    if expires_at is None:
        return None
    seconds = max(0.0, (expires_at - utcnow()).total_seconds())
    return gevent.spawn_later(seconds, connection.close, CLOSE_UNAUTHORIZED, "token expired")


def went_online(app, device, conn_id):
    """Record the socket (an insert, in its turn) before the hello says online."""
    presence.get_writer(app).open(device["_id"], conn_id)


def went_offline(app, hub, device, conn_id):
    """Queue the socket's removal after its opening; announce offline if it was the last."""
    def announce():
        commands.announce_presence(devices.find_device(device["_id"]) or device, False,
                                   hub.publish)

    presence.get_writer(app).close(device["_id"], conn_id, announce)
