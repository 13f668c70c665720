"""Our own close frame: gevent-websocket 0.10.1's ws.close(code, reason) drops the code."""

import struct

OPCODE_CLOSE = 0x88  # FIN bit + opcode 0x8
MAX_REASON_BYTES = 123  # a control frame's payload is at most 125 bytes, 2 are the code


def close_frame(code, reason=""):
    """An unmasked server close frame carrying code and a UTF-8 reason (truncated to fit)."""
    encoded = reason.encode("utf-8")[:MAX_REASON_BYTES]
    encoded = encoded.decode("utf-8", "ignore").encode("utf-8")  # never cut a character
    payload = struct.pack("!H", code) + encoded
    return bytes([OPCODE_CLOSE, len(payload)]) + payload
