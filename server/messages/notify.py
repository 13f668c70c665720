"""Live delivery of messages: the owner's every session hears of each (through server.sync),
and the receiver of each one its owner sends (through the hub, in every server process).

Delivery never fails the request: the message is stored first, and a side that misses the
push finds it on reconnect (the hello snapshot carries unread counts).
"""

import logging

from flask import current_app

from server import sync
from server.realtime.hub import device_group, get_hub

log = logging.getLogger(__name__)


def message_new(device_id, user_id, message):
    """Push a new message to the owner's sessions and, when the owner sent it, to the receiver."""
    data = {"device_id": str(device_id), "message": message}
    sync.publish(user_id, "message.new", data)
    if message["from"] == "user":
        try:
            get_hub(current_app).publish(device_group(device_id),
                                         {"type": "message.new", "data": data})
        except Exception:
            log.exception("could not push message %s to device %s", message["id"], device_id)


def conversation_read(user_id, summary):
    """Tell the owner's sessions a read marker moved (summary names the side that read)."""
    sync.publish(user_id, "conversation.read", summary)
