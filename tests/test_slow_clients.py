"""Slow clients time out and one address cannot hold every descriptor (slowloris)."""

import json
import socket
import urllib.request

import pytest

from devtools.liveserver import LiveServer

HALF_SENT = 600
PER_ADDRESS = 100
WAIT_SECONDS = 20  # how long a test socket waits for the server to act (never reached)


@pytest.fixture(scope="module")
def strict_server(app_config, tmp_path_factory):
    """A server with short read timeouts and a small per-address cap."""
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", HEADER_TIMEOUT_SECONDS="2", BODY_TIMEOUT_SECONDS="2",
               MAX_CONNECTIONS_PER_ADDRESS=str(PER_ADDRESS))
    with LiveServer(env, log_path=tmp_path_factory.mktemp("slow") / "server.log") as server:
        yield server


def half_sent(server, source="127.0.0.1", text=b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"):
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=WAIT_SECONDS,
                                    source_address=(source, 0))
    sock.sendall(text)
    return sock


def closed_by_server(sock):
    """Whether the server closed the socket (answered or not) before our wait ran out."""
    try:
        while sock.recv(4096):
            pass
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def still_open(sock):
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


def health_status(server, source):
    """The status of GET /api/v1/health sent from the given local address."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=WAIT_SECONDS,
                                  source_address=(source, 0)) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    return int(reply.split(b" ", 2)[1]) if reply else None


def test_half_sent_requests_time_out_and_health_stays_up(strict_server):
    sockets = [half_sent(strict_server) for _ in range(HALF_SENT)]
    try:
        assert health_status(strict_server, "127.0.0.2") == 200
        # The first ones were accepted and time out; the last ones were over the cap.
        assert closed_by_server(sockets[0]) and closed_by_server(sockets[-1])
    finally:
        for sock in sockets:
            sock.close()


def test_connections_over_the_address_cap_are_closed_at_once(strict_server):
    held = [half_sent(strict_server, "127.0.0.5") for _ in range(PER_ADDRESS)]
    try:
        with half_sent(strict_server, "127.0.0.5") as extra:
            assert closed_by_server(extra)
        # ... while the ones within the cap still wait for their header timeout.
        assert still_open(held[-1])
        assert health_status(strict_server, "127.0.0.3") == 200
    finally:
        for sock in held:
            sock.close()


def test_a_stalled_body_is_given_up(strict_server):
    body = json.dumps({"username": "ana", "password": "x" * 40}).encode()
    head = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body))
    sock = half_sent(strict_server, "127.0.0.4", head + body[:10])
    try:
        assert closed_by_server(sock)
    finally:
        sock.close()
    request = urllib.request.Request(f"{strict_server.url}/api/v1/health")
    with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
        assert response.status == 200
