"""Signed links to voice clips, so an <audio> element (which sends no token) can fetch one.

A link names the message and an expiry hour and carries an HMAC of both made with
SECRET_KEY; it stays the same for an hour, so players can cache and seek through it.
"""

import hashlib
import hmac
import time

from flask import current_app

LIFETIME_SECONDS = 24 * 3600


def signature(message_id, expires):
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    text = f"voice:{message_id}:{expires}".encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()[:32]


def audio_url(message_id):
    """A link to the message's clip, valid for at least LIFETIME_SECONDS."""
    expires = (int(time.time()) // 3600 + 1) * 3600 + LIFETIME_SECONDS
    return f"/media/messages/{message_id}/audio?exp={expires}&sig={signature(message_id, expires)}"


def is_valid(message_id, expires, sig):
    """True when sig signs (message_id, expires) and the link has not expired."""
    try:
        expires = int(expires)
    except (TypeError, ValueError):
        return False
    if expires < time.time():
        return False
    return hmac.compare_digest(signature(message_id, expires), sig or "")
