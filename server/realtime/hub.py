"""The hub: which live connections belong to which user and device, and fan-out to them.

Groups are "user:<user id>" (every app session of a user), "household:<household id>"
(every app session of every member: receivers' live state and messages go there) and
"device:<device id>" (the receiver). publish() goes through the broker, so a message
reaches the group's members in every process; deliver() is the broker's callback for this
process's members.
"""

import logging
from collections import defaultdict

from server.accounts.tokens import digest
from server.realtime.broker import make_broker

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.hub"


def user_group(user_id):
    return f"user:{user_id}"


def household_group(household_id):
    return f"household:{household_id}"


def device_group(device_id):
    return f"device:{device_id}"


def token_group(raw_token):
    """Every socket opened with one API token (named by the token's stored digest)."""
    return f"token:{digest(raw_token)}"


CLOSE_ONLY = "x"  # a payload that closes members instead of sending to them


class Hub:
    def __init__(self, app, broker):
        self.app = app
        self.broker = broker
        self.members = defaultdict(set)
        self.started = False

    def start(self):
        """Begin receiving from the broker (idempotent)."""
        if not self.started:
            self.started = True
            self.broker.start(self.deliver)

    def join(self, connection, group):
        self.members[group].add(connection)

    def leave(self, connection, group):
        members = self.members.get(group)
        if members is not None:
            members.discard(connection)
            if not members:
                del self.members[group]

    def encode(self, message):
        """One JSON text for a message (ObjectId and datetimes as the REST API writes them)."""
        return self.app.json.dumps(message)

    def publish(self, group, message, close=0):
        """Send message to every member of group in every process; close them after if asked.

        Closing is used for one thing only: a removed device's socket (4401).
        """
        self.broker.publish(group, f"{close}\n{self.encode(message)}")

    def publish_sync(self, user_id, event_type, data):
        """server.sync listener: a user's data changed; tell all of their sessions."""
        self.publish(user_group(user_id), {"type": event_type, "data": data})

    def close_group(self, group, code, reason, keep=None):
        """Close every member of group in every process, except members of group keep."""
        self.broker.publish(group, f"{CLOSE_ONLY}\n{code}\n{keep or ''}\n{reason}")

    def count(self, group):
        """How many members group has in this process."""
        return len(self.members.get(group, ()))

    def deliver(self, group, payload):
        close, _, text = payload.partition("\n")
        if close == CLOSE_ONLY:
            self.deliver_close(group, *text.split("\n", 2))
            return
        for connection in list(self.members.get(group, ())):
            connection.send(text)
            if close != "0":
                connection.close(int(close), "device removed")

    def deliver_close(self, group, code, keep, reason):
        """Close this process's members of group (not those also in keep) with code."""
        spared = self.members.get(keep, set()) if keep else set()
        for connection in list(self.members.get(group, ())):
            if connection not in spared:
                connection.close(int(code), reason)


def init_app(app):
    hub = Hub(app, make_broker(app.config["REDIS_URL"]))
    app.extensions[EXTENSION_KEY] = hub
    return hub


def get_hub(app):
    return app.extensions[EXTENSION_KEY]

