"""A WebSocket spoken by hand over a plain TCP socket, to send frames no library would."""

import base64
import os
import socket
import struct

OPCODE_TEXT, OPCODE_CONTINUATION, OPCODE_CLOSE = 0x1, 0x0, 0x8


def upgrade_request(query):
    """The bytes of a WebSocket handshake request for /ws?query."""
    key = base64.b64encode(os.urandom(16)).decode()
    return (f"GET /ws?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode()


def open_raw(server, query, timeout=10, source=None):
    """A connected socket past the 101 handshake of /ws?query."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    sock.sendall(upgrade_request(query))
    response = b""
    while b"\r\n\r\n" not in response:
        chunk = sock.recv(4096)
        assert chunk, "the server closed during the handshake"
        response += chunk
    assert response.startswith(b"HTTP/1.1 101"), response[:200]
    return sock


def frame_header(opcode, length, fin=True):
    """A masked client frame header announcing length bytes of payload (and its mask)."""
    first = (0x80 if fin else 0) | opcode
    if length < 126:
        head = struct.pack("!BB", first, 0x80 | length)
    elif length < 1 << 16:
        head = struct.pack("!BBH", first, 0x80 | 126, length)
    else:
        head = struct.pack("!BBQ", first, 0x80 | 127, length)
    return head + b"\0\0\0\0"  # a zero mask: the payload goes as it is


def read_close_code(sock):
    """The code of the server's close frame, skipping any text frames before it."""
    buffer = b""
    while True:
        while len(buffer) < 2:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        opcode, length = buffer[0] & 0x0F, buffer[1] & 0x7F
        offset = 2
        if length == 126:
            length, offset = struct.unpack("!H", buffer[2:4])[0], 4
        elif length == 127:
            length, offset = struct.unpack("!Q", buffer[2:10])[0], 10
        while len(buffer) < offset + length:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        payload, buffer = buffer[offset:offset + length], buffer[offset + length:]
        if opcode == OPCODE_CLOSE:
            return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
