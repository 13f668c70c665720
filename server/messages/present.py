"""Messages as the API and the WebSocket show them (plain JSON types only)."""

from server.jsonutil import iso
from server.messages import links


def present_message(doc):
    """The message as JSON: who sent it, its text or its clip (with a signed audio_url)."""
    voice = doc.get("voice")
    return {
        "id": str(doc["message_id"]),
        "device_id": str(doc["device_id"]),
        "from": doc["sender"],
        "kind": doc["kind"],
        "text": doc.get("text"),
        "duration": voice["duration"] if voice else None,
        "audio_url": links.audio_url(doc["message_id"]) if voice else None,
        "seq": doc["seq"],
        "created_at": iso(doc["created_at"]),  # also sent as is over the WebSocket
    }
