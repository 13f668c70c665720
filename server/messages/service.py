"""What the conversation endpoints do: send, list, mark read, count unread.

A caller is (side, device, user_id) from parties.caller_for: side "user" for the owner's
phones, "device" for the receiver itself.
"""

from flask import current_app

from server.errors import ApiError, ValidationError
from server.jsonutil import iso
from server.library import store
from server.messages import conversations, messages, notify, parties, uploads
from server.messages.present import present_message

TEXT_MAX = 2000


def clean_text(body):
    """The message text of a JSON body; 422 when missing, empty or over TEXT_MAX characters."""
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValidationError({"text": "must be a non-empty string"})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": f"must be at most {TEXT_MAX} characters"},
                              f"A text message may hold at most {TEXT_MAX} characters")
    return text.strip()


def check_flood(caller):
    """429 with Retry-After when this side sent too many messages lately."""
    side, device, user_id = caller
    conversation = conversations.find(device["_id"], user_id)
    if conversation is None:
        return
    limit = current_app.config["MESSAGE_RATE_LIMIT"]
    window = current_app.config["MESSAGE_RATE_WINDOW_SECONDS"]
    wait = messages.flood_retry_after(conversation["_id"], side, limit, window)
    if wait:
        raise ApiError(429, "rate_limited",
                       f"At most {limit} messages per {window} seconds; wait a little",
                       {"limit": limit, "window_seconds": window, "retry_after": wait},
                       headers={"Retry-After": str(wait)})


def send_text(caller, body):
    """Post a text message from the caller's side; returns the message JSON."""
    text = clean_text(body)
    check_flood(caller)
    return deliver(caller, {"kind": "text", "text": text})


def send_voice(caller):
    """Post the request's voice clip (checked and transcoded first); returns the message JSON."""
    check_flood(caller)  # before the body is even read
    return uploads.with_voice_clip(uploads.voice_upload(), lambda voice: deliver(caller, {
        "kind": "voice", "voice": voice}))


def deliver(caller, body):
    """Number, store and announce a message."""
    side, device, user_id = caller
    conversation, seq = conversations.next_seq(device["_id"], user_id)
    doc = messages.insert(conversation, seq, side, body)
    message = present_message(doc)
    notify.message_new(device["_id"], user_id, message)
    return message


def list_messages(caller, page, per_page):
    """(messages newest first, total) of the caller's conversation."""
    side, device, user_id = caller
    conversation = conversations.find(device["_id"], user_id)
    if conversation is None:
        return [], 0
    docs, total = messages.page(conversation["_id"], page, per_page)
    return [present_message(doc) for doc in docs], total


def summary(caller):
    """The conversation as the caller sees it: its unread count and the last message number."""
    side, device, user_id = caller
    conversation = conversations.find(device["_id"], user_id)
    return {"device_id": str(device["_id"]),
            "unread": messages.count_unread(conversation, side) if conversation else 0,
            "last_seq": conversation["last_seq"] if conversation else 0,
            "read_seq": conversation[conversations.MARKER[side]] if conversation else 0,
            "last_message_at": iso(conversation["last_message_at"]) if conversation else None}


def mark_read(caller, body):
    """Move the caller's read marker (to up_to_seq, or to the newest message)."""
    side, device, user_id = caller
    up_to = body.get("up_to_seq")
    if up_to is not None and (not isinstance(up_to, int) or isinstance(up_to, bool)
                              or up_to < 0):
        raise ValidationError({"up_to_seq": "must be a non-negative integer"})
    conversation = conversations.find(device["_id"], user_id)
    if conversation is not None:
        moved = conversations.mark_read(conversation, side,
                                        conversation["last_seq"] if up_to is None else up_to)
        if moved:  # the owner's other phones clear their badge, or see the receiver read it
            notify.conversation_read(user_id, {**summary(caller), "side": side})
    return summary(caller)


def unread_for_user(user_id):
    """Unread counts of each conversation with a receiver the user still owns."""
    convs = conversations.of_user(user_id)
    owned = parties.owned_device_ids(user_id, [c["device_id"] for c in convs])
    items = [{"device_id": str(c["device_id"]), "unread": messages.count_unread(c, "user"),
              "last_message_at": iso(c["last_message_at"])}
             for c in convs if c["device_id"] in owned]
    return {"items": items, "unread_total": sum(item["unread"] for item in items)}


def unread_for_device(device):
    """How many of its owner's messages the receiver has not read (0 when unpaired)."""
    if device.get("owner_id") is None:
        return 0
    conversation = conversations.find(device["_id"], device["owner_id"])
    return messages.count_unread(conversation, "device") if conversation else 0


def forget_device(device_id):
    """Delete a removed receiver's conversations and messages, then the clips no one else uses.

    Records go first: a crash in between leaves at worst an unreferenced file.
    """
    paths = messages.voice_paths_of_device(device_id)
    messages.delete_for_device(device_id)
    conversations.delete_for_device(device_id)
    for path in paths:
        if not messages.voice_path_in_use(path):
            store.remove(path)
