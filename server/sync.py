"""Tell a user's open sessions that something of theirs changed.

Domain code calls publish(); the realtime hub, when the app has one, subscribes at start-up
and decides delivery (in this process, or through the broker to every process).
"""

import logging

from flask import current_app

log = logging.getLogger(__name__)
EXTENSION_KEY = "tapcast.sync"


def init_app(app):
    app.extensions[EXTENSION_KEY] = []


def subscribe(app, listener):
    """Register listener(user_id: str, event_type: str, data: dict) for every publish()."""
    app.extensions[EXTENSION_KEY].append(listener)


def publish(user_id, event_type, data, app=None):
    """Send {type: event_type, data} to every session of the user; never fails the caller."""
    app = app or current_app
    for listener in app.extensions.get(EXTENSION_KEY, ()):
        try:
            listener(str(user_id), event_type, data)
        except Exception:
            log.exception("sync listener failed for %s", event_type)
