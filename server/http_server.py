"""The gevent WSGI server of `python -m server`: read timeouts, per-address caps, frame limits.

gevent's pywsgi waits for a request's headers (and body) as long as the client likes, and
accepts as many connections as the descriptors allow: 8,000 half-sent requests from one
address held 8,000 descriptors, 20,000 left none for anyone. Here the request line and headers
must arrive within HEADER_TIMEOUT_SECONDS of the connection becoming ready for them (an idle
keep-alive connection is closed after as long), a body read that waits more than
BODY_TIMEOUT_SECONDS for data fails, and one client address holds at most
MAX_CONNECTIONS_PER_ADDRESS connections (0: no cap; behind a proxy all clients share its address).
An address cooling down after an oversized WebSocket frame is refused at accept
(server.realtime.penalties).
"""

import socket
from collections import Counter

import gevent
from gevent.pywsgi import WSGIServer
from geventwebsocket.handler import WebSocketHandler
from geventwebsocket.websocket import Stream

from server.realtime import penalties
from server.realtime.limited_socket import LimitedWebSocket


class ReadTimeout(socket.timeout):
    """The client took too long to send its request."""


class TapcastHandler(WebSocketHandler):
    """WebSocketHandler with header and body read timeouts and size-checked WebSocket frames."""

    def handle_one_request(self):
        """One request, its request line and headers read within the header timeout."""
        self.header_timer = gevent.Timeout.start_new(
            self.server.header_timeout, ReadTimeout("request headers not received in time"))
        try:
            return super().handle_one_request()
        finally:
            self.header_timer.cancel()

    def get_environ(self):
        """Headers are in: stop their clock, and give body reads a deadline per read."""
        self.header_timer.cancel()
        self.socket.settimeout(self.server.body_timeout)
        return super().get_environ()

    def upgrade_connection(self):
        """Upgrade with our WebSocket, whose waits are the hub's heartbeat, not the body timeout."""
        refusal = super().upgrade_connection()
        if refusal is None and getattr(self, "websocket", None) is not None:
            self.socket.settimeout(None)
            self.websocket.closed = True  # else its __del__ writes a close frame before the 101
            self.websocket = LimitedWebSocket(self.environ, Stream(self), self)
            self.environ["wsgi.websocket"] = self.websocket
        return refusal

    def _handle_client_error(self, ex):
        if isinstance(ex, socket.timeout):
            self.close_connection = True
            return None  # nothing to say to a client this slow: just close
        return super()._handle_client_error(ex)


class TapcastServer(WSGIServer):
    """WSGIServer that caps connections per client address."""

    def __init__(self, listener, application, *, header_timeout, body_timeout,
                 max_per_address, **kwargs):
        super().__init__(listener, application, handler_class=TapcastHandler, **kwargs)
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self.max_per_address = max_per_address
        self.per_address = Counter()

    def handle(self, sock, address):
        """Serve the connection unless its address already holds its share."""
        host = address[0] if isinstance(address, tuple) else address
        # Both only without a proxy in front (max_per_address is then 0): behind one, every
        # client arrives from the proxy's address.
        if self.max_per_address and (self.per_address[host] >= self.max_per_address
                                     or penalties.refuses_connections(host)):
            sock.close()  # refused before reading a byte: it costs one accept
            return
        self.per_address[host] += 1
        try:
            super().handle(sock, address)
        finally:
            self.per_address[host] -= 1
            if not self.per_address[host]:
                del self.per_address[host]
