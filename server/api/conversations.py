"""Conversations between a user's phones and each of their receivers, and the clips' media.

Both sides use the same routes: the owner with a user token, the receiver with its own
device token (parties.caller_for tells them apart; anyone else sees 404).
"""

from flask import Blueprint, request

from server import auth
from server.api.media import send_media
from server.errors import ApiError, not_found
from server.households.access import household_of
from server.library import store
from server.messages import links, messages, parties, service
from server.requests_util import json_body, page_of, paging

bp = Blueprint("conversations", __name__)
media_bp = Blueprint("message_media", __name__)


@bp.post("/conversations/<oid:device_id>/messages")
def send_message(device_id):
    """Send a text (JSON {text}) or a voice clip (multipart field "audio")."""
    caller = parties.caller_for(device_id)
    if request.mimetype == "multipart/form-data":
        message = service.send_voice(caller)
    else:
        message = service.send_text(caller, json_body())
    return message, 201


@bp.get("/conversations/<oid:device_id>/messages")
def list_messages(device_id):
    """The conversation's messages, newest first, paged."""
    caller = parties.caller_for(device_id)
    page, per_page = paging()
    items, total = service.list_messages(caller, page, per_page)
    return page_of(items, total, page, per_page)


@bp.get("/conversations/<oid:device_id>")
def get_conversation(device_id):
    """The caller's unread count and read marker in this conversation."""
    return service.summary(parties.caller_for(device_id))


@bp.post("/conversations/<oid:device_id>/read")
def mark_read(device_id):
    """Mark the conversation read, up to `up_to_seq` or entirely."""
    caller = parties.caller_for(device_id)
    body = json_body() if request.content_length else {}
    return service.mark_read(caller, body)


@bp.get("/me/unread")
@auth.login_required
def my_unread():
    """Unread counts of each of the signed-in user's conversations."""
    return service.unread_for_household(household_of(auth.current_user()))


@media_bp.get("/media/messages/<oid:message_id>/audio")
def message_audio(message_id):
    """A voice clip (MP3) through its signed link, with Range support."""
    if not links.is_valid(message_id, request.args.get("exp"), request.args.get("sig")):
        raise ApiError(403, "bad_signature", "This link is invalid or has expired")
    doc = messages.find(message_id)
    if doc is None or not doc.get("voice"):
        raise not_found("voice clip")
    return send_media(store.absolute(doc["voice"]["path"]), mimetype=doc["voice"]["mime_type"],
                      max_age=3600)
