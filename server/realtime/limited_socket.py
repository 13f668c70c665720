"""gevent-websocket's WebSocket with its size limit checked on the frame header.

gevent-websocket 0.10.1 reads a whole frame (whatever length its header announces) and
unmasks it byte by byte in Python before anyone can look at its size: one frame announcing
512 MB held the event loop for minutes. Here the announced length, and the running total of
a fragmented message, is checked before a byte of payload is read, and unmasking is one XOR
of two integers.
"""

from geventwebsocket.exceptions import ProtocolError, WebSocketError
from geventwebsocket.websocket import Header, WebSocket

MAX_CONTROL_PAYLOAD = 125  # RFC 6455 5.5: control frames are never longer


class MessageTooBig(WebSocketError):
    """A frame header (or the message so far) announced more than the limit."""


def unmask(payload, mask):
    """The payload XOR its 4-byte mask, at C speed."""
    length = len(payload)
    if not length:
        return b""
    key = (mask * (length // 4 + 1))[:length]
    value = int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")
    return value.to_bytes(length, "big")


class LimitedWebSocket(WebSocket):
    """Refuses a message whose frames announce more than max_message_bytes in total."""

    max_message_bytes = 16 * 1024

    def __init__(self, environ, stream, handler):
        super().__init__(environ, stream, handler)
        self.message_bytes = 0  # payload announced so far by the current message's frames

    def read_frame(self):
        """One frame, its announced length checked before its payload is read."""
        header = Header.decode_header(self.stream)
        if header.flags:
            raise ProtocolError("reserved bits set")
        self.check_length(header)
        if not header.length:
            return header, b""
        payload = self.raw_read(header.length)
        if len(payload) != header.length:
            raise WebSocketError("Unexpected EOF reading frame payload")
        if header.mask:
            payload = unmask(payload, header.mask)
        return header, payload

    def check_length(self, header):
        if header.opcode & 0x8:  # a control frame (close, ping, pong)
            if header.length > MAX_CONTROL_PAYLOAD:
                raise ProtocolError("control frame over 125 bytes")
            return
        if header.opcode != self.OPCODE_CONTINUATION:
            self.message_bytes = 0  # a new message starts
        self.message_bytes += header.length
        if self.message_bytes > self.max_message_bytes:
            raise MessageTooBig(f"message over {self.max_message_bytes} bytes")

    def receive(self):
        """Like WebSocket.receive, but MessageTooBig reaches the caller (to close with 1009)."""
        if self.closed:
            raise WebSocketError("Connection is already closed")
        try:
            return self.read_message()
        except MessageTooBig:
            raise
        except UnicodeError:
            self.close(1007)
        except ProtocolError:
            self.close(1002)
        except OSError:
            self.close()
        return None
