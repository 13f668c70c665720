"""Oversized WebSocket input is refused on the frame header, before its payload is read."""

import pytest

from server.realtime.limited_socket import unmask
from tests.realtime.conftest import call, register
from tests.realtime.raw_ws import (
    OPCODE_CONTINUATION,
    OPCODE_TEXT,
    frame_header,
    open_raw,
    read_close_code,
)

LIMIT = 16 * 1024


@pytest.fixture
def anonymous_receiver(rt_server):
    """A raw socket of a freshly registered (unpaired) receiver: anyone can have one."""
    token = register(rt_server)["device_token"]
    sock = open_raw(rt_server, f"device_token={token}")
    yield sock
    sock.close()


@pytest.mark.parametrize("announced", [LIMIT + 1, 16 * 1024 * 1024, 512 * 1024 * 1024])
def test_frame_announcing_too_much_closes_1009_without_its_payload(rt_server,
                                                                  anonymous_receiver,
                                                                  announced):
    # Only the header and a few bytes are sent: a server waiting for the payload never closes.
    anonymous_receiver.sendall(frame_header(OPCODE_TEXT, announced) + b"{}")
    assert read_close_code(anonymous_receiver) == 1009
    assert call(rt_server, "GET", "/api/v1/health")[0] == 200


def test_fragmented_message_is_capped_in_total(rt_server, anonymous_receiver):
    part = b"x" * (LIMIT // 2 + 10)
    anonymous_receiver.sendall(frame_header(OPCODE_TEXT, len(part), fin=False) + part)
    anonymous_receiver.sendall(frame_header(OPCODE_CONTINUATION, len(part), fin=False) + part)
    assert read_close_code(anonymous_receiver) == 1009


def test_message_at_the_limit_is_read(rt_server, anonymous_receiver):
    text = b'{"type":"ping","id":"big","data":{"pad":"' + b"x" * (LIMIT - 60) + b'"}}'
    assert len(text) <= LIMIT
    anonymous_receiver.sendall(frame_header(OPCODE_TEXT, len(text)) + text)
    anonymous_receiver.settimeout(5)
    received = b""
    while b'"pong"' not in received:
        chunk = anonymous_receiver.recv(65536)
        assert chunk, "closed instead of answering"
        received += chunk


@pytest.mark.parametrize("payload, mask", [
    (b"", b"abcd"), (b"a", b"\x01\x02\x03\x04"), (bytes(range(256)) * 3, b"\xff\x00\x7f\x80"),
])
def test_unmask_is_xor_with_the_repeated_mask(payload, mask):
    expected = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
    assert unmask(payload, mask) == expected
