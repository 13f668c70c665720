"""Structured logs: one JSON object per line, an access line per request, a request id.

Every request gets an id (the caller's X-Request-ID when it is sane, else a fresh one),
echoed in the response and attached to every log line written while it is handled.
"""

import json
import logging
import re
import sys
import time
import uuid

from flask import g, has_request_context, request

from server.jsonutil import iso, utcnow

access_log = logging.getLogger("tapcast.access")
REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
HANDLER_MARK = "tapcast_handler"


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line; `extra={"fields": {...}}` adds fields."""

    def format(self, record):
        entry = {"time": iso(utcnow()), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if has_request_context():
            entry["request_id"] = g.get("request_id")
            entry.setdefault("method", request.method)
            entry.setdefault("path", request.path)
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level, fmt):
    """Send every log line to stderr, as JSON (fmt "json") or plain text; idempotent."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, HANDLER_MARK, False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        setattr(handler, HANDLER_MARK, True)
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root.setLevel(level)
    # gevent-websocket writes its own text access line per request; ours replaces it.
    logging.getLogger("geventwebsocket.handler").setLevel(logging.WARNING)


def init_app(app):
    """Configure logging and log every request (registered first, so it times the rest)."""
    configure(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
    app.before_request(start_request)
    app.after_request(finish_request)


def start_request():
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def finish_request(response):
    """Echo the request id and write the access line (never the query string: it may
    hold a token)."""
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    duration = (time.perf_counter() - started) * 1000 if started else None
    access_log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "fields": {"event": "access", "status": response.status_code,
                   "duration_ms": round(duration, 2) if duration is not None else None,
                   "remote_addr": request.remote_addr}})
    return response
