"""One live socket: hello, the receive loop with heartbeat, limits, replies, and closing.

gevent-websocket has no keepalive, so receive() runs under gevent.Timeout: after half a
heartbeat interval of silence the server sends {"type":"ping"}; a peer silent for a whole
interval after that is dead. Sends from other greenlets (hub fan-out) share one lock.

The loop reads and limits messages as they arrive and hands them to a worker greenlet
through a short inbox: a slow handler (the database) cannot make the rate limit look at
stale arrivals, a peer that outruns the handler is closed, and when the peer goes its
unhandled backlog is dropped instead of being written for minutes after it left.
"""

import contextvars
import logging
import socket
import time
import uuid

import gevent
from gevent.lock import Semaphore
from gevent.queue import Full, Queue
from geventwebsocket.exceptions import WebSocketError
from pymongo.errors import PyMongoError

from server.errors import ApiError
from server.metrics import process_counts
from server.realtime import penalties, protocol
from server.realtime.frames import close_frame
from server.realtime.limited_socket import LimitedWebSocket, MessageTooBig

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = LimitedWebSocket.max_message_bytes
RATE_PER_SECOND = 20  # sustained messages a peer may send
RATE_BURST = 40  # and in one burst
SEND_TIMEOUT_SECONDS = 10
DRAIN_SECONDS = 2  # how long to wait for the peer's close after ours
INBOX_SIZE = RATE_BURST  # read, not yet handled: a full burst fits; more outruns the handler
DISCARD_BYTES = 64 * 1024  # read and dropped after a refused frame, so our close arrives

CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_HOUSEHOLD_CHANGED = 4409  # the user's household changed: reconnect
CLOSE_TOO_MANY_SOCKETS = 4429


class RateLimit:
    """A token bucket: RATE_BURST tokens, refilled at RATE_PER_SECOND."""

    def __init__(self, rate=RATE_PER_SECOND, burst=RATE_BURST):
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = float(burst), time.monotonic()

    def allow(self):
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Connection:
    def __init__(self, ws, heartbeat_seconds, abuse_cooldown=0):
        self.ws = ws
        self.abuse_cooldown = abuse_cooldown  # seconds an abusive peer's address waits
        self.id = uuid.uuid4().hex
        self.heartbeat = heartbeat_seconds
        self.lock = Semaphore()
        self.closing = None  # the close code once we sent our close frame
        self.rate = RateLimit()
        self.gone = False  # the loop ended: handle nothing more
        self.sent_at = time.monotonic()  # when we last wrote to the peer

    def send(self, text):
        """Send a text frame; a peer that cannot take it within the timeout is dropped."""
        with self.lock:
            if self.closing is not None or self.ws.closed:
                return
            try:
                with gevent.Timeout(SEND_TIMEOUT_SECONDS):
                    self.ws.send(text)
                self.sent_at = time.monotonic()
                process_counts.ws_messages["sent"] += 1
            except (WebSocketError, OSError, gevent.Timeout):
                self.abort()

    def close(self, code, reason=""):
        """Send our close frame (code + reason) and stop writing; the loop then drains."""
        with self.lock:
            if self.closing is not None or self.ws.closed:
                return
            self.closing = code
            if code in (CLOSE_TOO_BIG, CLOSE_POLICY):
                environ = getattr(self.ws, "environ", None) or {}
                penalties.punish(environ.get("REMOTE_ADDR"), self.abuse_cooldown,
                                 connections=code == CLOSE_TOO_BIG)
            try:
                self.ws.raw_write(close_frame(code, reason))
                self.ws.handler.socket.shutdown(socket.SHUT_WR)
            except (OSError, AttributeError, TypeError):
                self.abort()
        log.info("ws %s closing %d %s", self.id[:8], code, reason)

    def abort(self):
        """Drop the connection without ceremony (dead peer); receive() then ends."""
        try:
            self.ws.handler.socket.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    def receive(self):
        """The next message text, None at the end, or the string 'timeout' after silence."""
        wait = DRAIN_SECONDS if self.closing is not None else self.heartbeat / 2
        try:
            with gevent.Timeout(wait):
                return self.ws.receive()
        except gevent.Timeout:
            return TIMEOUT
        except MessageTooBig as exc:
            self.close(CLOSE_TOO_BIG, str(exc))
            self.discard_input()
            return None
        except (WebSocketError, OSError):
            return None

    def discard_input(self):
        """Drop what the peer already sent (a little, briefly): the refused payload stays unread
        and closing on unread data would reset the connection before our close frame is read."""
        sock = getattr(self.ws.handler, "socket", None)
        left = DISCARD_BYTES
        try:
            with gevent.Timeout(DRAIN_SECONDS, False):
                while left > 0:
                    chunk = sock.recv(min(left, 16384))
                    if not chunk:
                        break
                    left -= len(chunk)
        except (OSError, AttributeError):
            pass

    def loop(self, on_message):
        """Read until the peer goes: heartbeat, size and rate limits; a worker runs on_message."""
        inbox = Queue(INBOX_SIZE)
        # The worker runs in the request's context (the app, its config, its database).
        worker = gevent.spawn(contextvars.copy_context().run, self.work, inbox, on_message)
        try:
            self.read_loop(inbox)
        finally:
            self.gone = True  # the worker drops the backlog instead of handling it
            try:
                inbox.put_nowait(None)  # wakes a waiting worker; a full inbox wakes it anyway
            except Full:
                pass
            worker.join()

    def work(self, inbox, on_message):
        """Handle messages in arrival order until the loop ends."""
        while True:
            text = inbox.get()
            if text is None or self.gone:
                return
            on_message(text)

    def read_loop(self, inbox):
        awaiting_pong = False
        while True:
            text = self.receive()
            if text is None:
                break
            if self.closing is not None:
                if text is TIMEOUT:
                    break
                continue  # draining until the peer answers our close
            if text is TIMEOUT:
                if awaiting_pong:
                    log.info("ws %s silent for a heartbeat: dropped", self.id[:8])
                    self.abort()
                    break
                awaiting_pong = True
                self.send(PING)
                continue
            awaiting_pong = False
            self.admit(text, inbox)
            if time.monotonic() - self.sent_at >= self.heartbeat / 2:
                # A chatty peer is never silent, but it must hear from us too: a receiver
                # reporting state that no one commands heard nothing for minutes, and could
                # not tell a live server from a vanished one.
                self.send(PING)
        # The handler would send gevent-websocket's own (code-less) close frame: not again.
        self.ws.closed = True

    def admit(self, text, inbox):
        """Rate-limit a message as it arrives and queue it for the worker."""
        if not isinstance(text, str):
            text = bytes(text).decode("utf-8", "replace")
        if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
            # Only under another server's handler (ours refuses on the frame header).
            self.close(CLOSE_TOO_BIG, f"message over {MAX_MESSAGE_BYTES} bytes")
            return
        if not self.rate.allow():
            self.close(CLOSE_POLICY, "rate limit exceeded")
            return
        try:
            inbox.put_nowait(text)
        except Full:
            self.close(CLOSE_POLICY, "messages arrive faster than they can be handled")


TIMEOUT = object()  # receive() result: nothing arrived in time
PING = '{"type":"ping","data":{}}'


DB_UNAVAILABLE = ApiError(503, "db_unavailable", "The database is unavailable; try again shortly")
INTERNAL = ApiError(500, "internal_error", "An internal error occurred")


def handle_messages(connection, session, hub):
    """on_message for the loop: protocol replies go back; a failure costs one `error` reply."""
    def on_message(text):
        process_counts.ws_messages["received"] += 1
        try:
            replies = protocol.handle(session, text, hub.publish)
        except PyMongoError:
            log.warning("ws %s: database error while handling a message", connection.id[:8])
            replies = [protocol.error_reply(None, DB_UNAVAILABLE)]
        except Exception:
            log.exception("ws %s: handling a message failed", connection.id[:8])
            replies = [protocol.error_reply(None, INTERNAL)]
        for reply in replies:
            connection.send(hub.encode(reply))

    return on_message
