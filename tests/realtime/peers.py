"""A WebSocket peer for tests: websocket-client over a real socket, read by a thread.

The reader answers the server's {"type":"ping"} (as the receiver and the app do), queues
every other message, and records the close frame's code and reason.
"""

import json
import queue
import struct
import threading

import websocket

WAIT_SECONDS = 15


class Peer:
    def __init__(self, url, answer_pings=True, **options):
        self.ws = websocket.create_connection(url, timeout=WAIT_SECONDS, enable_multithread=True,
                                              **options)
        self.answer_pings = answer_pings
        self.inbox = queue.Queue()
        self.backlog = []
        self.close_code = None
        self.close_reason = None
        self.closed = threading.Event()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        try:
            while True:
                opcode, frame = self.ws.recv_data_frame(True)
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    if len(frame.data) >= 2:
                        self.close_code = struct.unpack("!H", frame.data[:2])[0]
                        self.close_reason = frame.data[2:].decode("utf-8")
                    break
                if opcode != websocket.ABNF.OPCODE_TEXT:
                    continue
                message = json.loads(frame.data.decode("utf-8"))
                if message["type"] == "ping":
                    if self.answer_pings:
                        self.send("pong")
                    continue
                self.inbox.put(message)
        except (websocket.WebSocketException, OSError, ValueError):
            pass
        finally:
            self.closed.set()

    def send(self, msg_type, data=None, msg_id=None):
        message = {"type": msg_type, "data": data if data is not None else {}}
        if msg_id is not None:
            message["id"] = msg_id
        self.send_text(json.dumps(message))

    def send_text(self, text):
        self.ws.send(text)

    def expect(self, types, timeout=WAIT_SECONDS, where=None):
        """The first message whose type is in types (str or tuple) and matches where(data).

        Messages passed over stay in the backlog for later expectations.
        """
        types = (types,) if isinstance(types, str) else tuple(types)

        def matches(message):
            return message["type"] in types and (where is None or where(message["data"]))

        for message in self.backlog:
            if matches(message):
                self.backlog.remove(message)
                return message
        while True:
            try:
                message = self.inbox.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {types} message arrived") from None
            if matches(message):
                return message
            self.backlog.append(message)

    def expect_reply(self, msg_id):
        """The ack or error answering message msg_id."""
        return self.expect(("ack", "error"), where=lambda data: data.get("id") == msg_id)

    def assert_nothing(self, msg_type, seconds):
        """No msg_type message arrives in `seconds` (used after a refused action)."""
        assert all(message["type"] != msg_type for message in self.backlog)
        try:
            while True:
                message = self.inbox.get(timeout=seconds)
                assert message["type"] != msg_type, f"unexpected {message}"
        except queue.Empty:
            return

    def wait_closed(self, timeout=WAIT_SECONDS):
        assert self.closed.wait(timeout), "the server did not close the socket"
        return self.close_code

    def close(self):
        try:
            self.ws.close(timeout=2)
        except (websocket.WebSocketException, OSError):
            pass
        finally:
            self.ws.shutdown()  # releases the socket even when close() failed half-way
        self.closed.wait(5)
