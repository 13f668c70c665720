"""What the conversation endpoints do: send, list, mark read, count unread.

A caller is (side, device, household_id) from parties.caller_for: side "user" for the
household's phones, "device" for the receiver itself. A conversation is the household's:
every member's phone reads and marks the same one.
"""

from flask import current_app

from server import rate_limits
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
    """Count this message before it is stored; 429 with Retry-After when the side sent too many."""
    side, device, household_id = caller
    limit = current_app.config["MESSAGE_RATE_LIMIT"]
    window = current_app.config["MESSAGE_RATE_WINDOW_SECONDS"]
    try:
        rate_limits.take_all([rate_limits.Limit(f"messages:{device['_id']}|{household_id}|{side}",
                                                limit, window)], "rate_limited", "")
    except ApiError as over:
        wait = over.details["retry_after"]
        raise ApiError(429, "rate_limited",
                       f"At most {limit} messages per {window} seconds; wait a little",
                       {"limit": limit, "window_seconds": window, "retry_after": wait},
                       headers={"Retry-After": str(wait)}) from None


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
    side, device, household_id = caller
    conversation = conversations.open_conversation(device["_id"], household_id)
    doc = messages.insert(conversation, side, body)
    message = present_message(doc)
    notify.message_new(device["_id"], household_id, message)
    return message


def list_messages(caller, page, per_page):
    """(messages newest first, total) of the caller's conversation."""
    side, device, household_id = caller
    conversation = conversations.find(device["_id"], household_id)
    if conversation is None:
        return [], 0
    docs, total = messages.page(conversation["_id"], page, per_page)
    return [present_message(doc) for doc in docs], total


def summary(caller):
    """The conversation as the caller sees it: its unread count and the last message number."""
    side, device, household_id = caller
    conversation = conversations.find(device["_id"], household_id)
    if conversation is None:
        return {"device_id": str(device["_id"]), "unread": 0, "last_seq": 0, "read_seq": 0,
                "last_message_at": None}
    last = messages.last_seq(conversation["_id"])
    return {"device_id": str(device["_id"]),
            "unread": messages.count_unread(conversation, side),
            "last_seq": last,
            "read_seq": conversation[conversations.MARKER[side]],
            "last_message_at": last_message_at(conversation["_id"], last)}


def last_message_at(conversation_id, last):
    newest = messages.at(conversation_id, last) if last else None
    return iso(newest["created_at"]) if newest else None


def mark_read(caller, body):
    """Move the caller's read marker (to up_to_seq, or to the newest message)."""
    side, device, household_id = caller
    up_to = body.get("up_to_seq")
    if up_to is not None and (not isinstance(up_to, int) or isinstance(up_to, bool)
                              or up_to < 0):
        raise ValidationError({"up_to_seq": "must be a non-negative integer"})
    conversation = conversations.find(device["_id"], household_id)
    if conversation is not None:
        last = messages.last_seq(conversation["_id"])
        moved = conversations.mark_read(conversation, side,
                                        last if up_to is None else min(up_to, last))
        if moved:  # the household's phones clear their badge, or see the receiver read it
            notify.conversation_read(household_id, {**summary(caller), "side": side})
    return summary(caller)


def unread_for_household(household_id):
    """Unread counts of each conversation with a receiver of the household, newest first."""
    items = []
    for device_id in parties.household_device_ids(household_id):
        conversation = conversations.find(device_id, household_id)
        if conversation is None:
            continue
        last = messages.last_seq(conversation["_id"])
        items.append({"device_id": str(device_id),
                      "unread": messages.count_unread(conversation, "user"),
                      "last_message_at": last_message_at(conversation["_id"], last)})
    items.sort(key=lambda item: item["last_message_at"] or "", reverse=True)
    return {"items": items, "unread_total": sum(item["unread"] for item in items)}


def unread_for_device(device):
    """How many of its household's messages the receiver has not read (0 when unpaired)."""
    if device.get("household_id") is None:
        return 0
    conversation = conversations.find(device["_id"], device["household_id"])
    return messages.count_unread(conversation, "device") if conversation else 0


def forget_device(device_id):
    """Delete a removed receiver's conversations and messages, then the clips no one else uses.

    Records go first: a crash in between leaves at worst an unreferenced file. (A cleanup:
    it scans, as only the removal of a receiver does.)
    """
    clips = messages.voice_paths_of_device(device_id)
    messages.delete_for_device(device_id)
    conversations.delete_for_device(device_id)
    for message_id, path in clips:
        messages.clips().delete_one({"_id": message_id})
        if not messages.voice_path_in_use(path):
            store.remove(path)
