"""Oversized WebSocket input is refused on the frame header, before its payload is read."""

import socket

import pytest

from devtools.liveserver import LiveServer
from server.realtime.limited_socket import unmask
from tests.realtime.conftest import call, register
from tests.realtime.raw_ws import (
    OPCODE_CONTINUATION,
    OPCODE_TEXT,
    frame_header,
    open_raw,
    read_close_code,
    upgrade_request,
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


@pytest.fixture(scope="module")
def cooling_server(app_config, tmp_path_factory):
    """A server with the production cooldown after abuse (rt_server turns it off)."""
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", WS_ABUSE_COOLDOWN_SECONDS="30")
    with LiveServer(env, log_path=tmp_path_factory.mktemp("cool") / "server.log") as server:
        yield server


def handshake_status(server, query, source):
    """The status line of a /ws handshake from the source address, and the response (head,
    and the JSON body of a refusal)."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                    source_address=(source, 0))
    with sock:
        sock.sendall(upgrade_request(query))
        reader = sock.makefile("rb")
        status = reader.readline().decode().strip()
        head = b"".join(iter(reader.readline, b"\r\n")).decode("latin-1").lower()
        length = next((int(line.split(":")[1]) for line in head.splitlines()
                       if line.startswith("content-length:")), 0)
        body = reader.read(length).decode() if " 101 " not in status else ""
    return status, head + body


def refused_at_accept(server, source, path="/api/v1/health"):
    """Whether a connection from source is closed before any answer to a request."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                    source_address=(source, 0))
    with sock:
        try:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            return sock.recv(4096) == b""
        except ConnectionResetError:
            return True


def test_an_address_that_sent_a_giant_frame_is_refused_at_accept_for_a_while(cooling_server):
    token = register(cooling_server)["device_token"]
    sock = open_raw(cooling_server, f"device_token={token}", source="127.0.3.1")
    sock.sendall(frame_header(OPCODE_TEXT, 16 * 1024 * 1024) + b"{}")
    assert read_close_code(sock) == 1009
    sock.close()
    # Neither a socket nor a plain request: the connection closes before a byte is read.
    assert refused_at_accept(cooling_server, "127.0.3.1")
    assert refused_at_accept(cooling_server, "127.0.3.1", f"/ws?device_token={token}")
    # Other addresses are not affected.
    assert not refused_at_accept(cooling_server, "127.0.3.2")
    assert " 101 " in handshake_status(cooling_server, f"device_token={token}", "127.0.3.2")[0]


def test_an_address_rate_limited_waits_before_its_next_socket(cooling_server):
    token = register(cooling_server)["device_token"]
    sock = open_raw(cooling_server, f"device_token={token}", source="127.0.3.3")
    ping = b'{"type":"ping"}'
    try:
        sock.sendall((frame_header(OPCODE_TEXT, len(ping)) + ping) * 200)
    except OSError:
        pass  # closed mid-flood: the close code still tells why
    assert read_close_code(sock) == 1008
    sock.close()
    status, head = handshake_status(cooling_server, f"device_token={token}", "127.0.3.3")
    assert " 429 " in status and "retry-after:" in head and "socket_cooldown" in head, head
    # Refused before its token was looked at: a bad one gets the same answer, not a 401.
    assert " 429 " in handshake_status(cooling_server, "device_token=nonsense", "127.0.3.3")[0]
    # A busy phone is not a giant frame: its plain requests go on.
    assert not refused_at_accept(cooling_server, "127.0.3.3")
    assert " 101 " in handshake_status(cooling_server, f"device_token={token}", "127.0.3.4")[0]
