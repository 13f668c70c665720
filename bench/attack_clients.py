"""Clients for bench/attacks.py and bench/soak.py: a /health sampler and the attackers.

Every client is a greenlet (the modules that use these patch the standard library with gevent
first) and runs until its `stop` event is set. Attackers come from 127.0.0.x source addresses,
as scripts on other machines would.
"""

import base64
import http.client
import json
import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import gevent
import websocket

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, fraction):
    """The value below which `fraction` of values lie (nearest rank); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def health_sampler(port, stop, samples, errors, source="127.0.0.250"):
    """Until stop: each /api/v1/health latency (ms) appended to samples, each non-200 status
    to errors, sampled by bench/health_probe.py in a process of its own (why: see there)."""
    probe = subprocess.Popen([sys.executable, "-m", "bench.health_probe", str(port), source],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)

    def read():
        for line in probe.stdout:
            if len(line.split()) != 2:
                continue  # the last line, cut by terminate()
            ms, status = line.split()
            samples.append(float(ms))
            if status != "200":
                errors.append(None if status == "None" else int(status))

    reader = gevent.spawn(read)
    try:
        stop.wait()
    finally:
        probe.terminate()
        probe.wait()
        reader.join(timeout=5)


def raw_handshake(port, query, source):
    """A plain TCP socket past the 101 of /ws?query."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk:
            raise OSError("closed during the handshake")
        reply += chunk
    return sock


def giant_frames(port, device_token, stop, counts, source="127.0.0.11",
                 announced=16 * 1024 * 1024, sent=1024 * 1024):
    """Row 1: frames announcing 16 MB, with 1 MB of their payload sent, over and over."""
    header = struct.pack("!BBQ", 0x81, 0x80 | 127, announced) + b"\0\0\0\0"
    chunk = b"x" * 65536
    while not stop.is_set():
        try:
            sock = raw_handshake(port, f"device_token={device_token}", source)
            sock.sendall(header)
            for _ in range(sent // len(chunk)):
                sock.sendall(chunk)
            sock.close()
            counts["frames"] = counts.get("frames", 0) + 1
        except OSError:
            counts["refused"] = counts.get("refused", 0) + 1
            gevent.sleep(0.05)


def ws_connect(ws_url, query, source, timeout=60):
    """A websocket-client connection to /ws?query from the given local address."""
    port = int(ws_url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                    source_address=(source, 0))
    return websocket.create_connection(f"{ws_url}/ws?{query}", timeout=timeout,
                                       suppress_origin=True, socket=sock)


def state_reporter(ws_url, device_token, stop, counts, per_second, source):
    """A receiver sending `state` per_second times a second (answering pings) until stop."""
    try:
        ws = ws_connect(ws_url, f"device_token={device_token}", source)
        ws.recv()  # hello
    except (websocket.WebSocketException, OSError):
        counts["connect_failed"] = counts.get("connect_failed", 0) + 1
        return

    def read():
        try:
            while True:
                message = json.loads(ws.recv())
                if message.get("type") == "ping":
                    ws.send('{"type":"pong"}')
        except (websocket.WebSocketException, OSError, ValueError):
            pass

    reader = gevent.spawn(read)
    position = 0
    try:
        while not stop.is_set():
            position += 1
            ws.send(json.dumps({"type": "state", "data": {
                "status": "playing", "track_id": None, "position": position, "duration": 600,
                "volume": 1}}))
            counts["states"] = counts.get("states", 0) + 1
            gevent.sleep(1 / per_second)
    except (websocket.WebSocketException, OSError):
        counts["dropped"] = counts.get("dropped", 0) + 1
    finally:
        reader.kill()
        ws.close()


def call(port, method, path, body=None, token=None, source="127.0.0.1"):
    """(status, JSON or None) of one request over a fresh connection from source."""
    headers = {"Connection": "close"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                                source_address=(source, 0))
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        connection.close()
    except OSError:
        return None, None
    try:
        return response.status, json.loads(raw) if raw else None
    except ValueError:
        return response.status, None


def sign_in_flood(port, username, password, stop, counts, source):
    """Row 3: sign-ins (each a scrypt check) back to back from one address."""
    while not stop.is_set():
        status, _ = call(port, "POST", "/api/v1/auth/login",
                         {"username": username, "password": password}, source=source)
        counts[status] = counts.get(status, 0) + 1


def slowloris(port, stop, counts, held, source):
    """Row 4: keep `held` half-sent requests open from source, reopening those that close."""
    sockets = []
    head = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
    while not stop.is_set():
        while len(sockets) < held and not stop.is_set():
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                                source_address=(source, 0))
                sock.sendall(head)
                sock.setblocking(False)
                sockets.append(sock)
                counts["opened"] = counts.get("opened", 0) + 1
            except OSError:
                counts["refused"] = counts.get("refused", 0) + 1
                break
        gevent.sleep(0.5)
        alive = []
        for sock in sockets:
            try:
                if sock.recv(1) == b"":
                    sock.close()
                    counts["closed_by_server"] = counts.get("closed_by_server", 0) + 1
                    continue
            except BlockingIOError:
                pass
            except OSError:
                sock.close()
                counts["closed_by_server"] = counts.get("closed_by_server", 0) + 1
                continue
            alive.append(sock)
        sockets = alive
    for sock in sockets:
        sock.close()
