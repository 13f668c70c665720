"""Live delivery of messages: every session of the household hears of each (through the hub),
and the receiver of each one a member sends (in every server process).

Delivery never fails the request: the message is stored first, and a side that misses the
push finds it on reconnect (the hello snapshot carries unread counts).
"""

import logging

from flask import current_app

from server.realtime.hub import device_group, get_hub, household_group

log = logging.getLogger(__name__)


def message_new(device_id, household_id, message):
    """Push a new message to the household's sessions and, when a member sent it, the receiver."""
    data = {"device_id": str(device_id), "message": message}
    publish(household_group(household_id), {"type": "message.new", "data": data})
    if message["from"] == "user":
        publish(device_group(device_id), {"type": "message.new", "data": data})


def conversation_read(household_id, summary):
    """Tell the household's sessions a read marker moved (summary names the side that read)."""
    publish(household_group(household_id), {"type": "conversation.read", "data": summary})


def publish(group, message):
    try:
        get_hub(current_app).publish(group, message)
    except Exception:
        log.exception("could not push %s to %s", message["type"], group)
