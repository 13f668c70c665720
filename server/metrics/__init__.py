"""Prometheus metrics at /metrics: requests per route, sockets, broker lag, database errors.

Off unless METRICS_ENABLED; then /metrics answers only a Bearer METRICS_TOKEN (anything else
gets the same 404 as an unknown path) and the front server never proxies it. Each process
serves its own numbers; see README ("Metrics") for scraping several.
"""

import hmac
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from werkzeug.exceptions import NotFound

from server.metrics import collectors, process_counts

EXTENSION_KEY = "tapcast.metrics"
UNMATCHED = "(unmatched)"
bp = Blueprint("metrics", __name__)


class RequestMetrics:
    """One registry per app: request counts and latency by route rule, plus the collectors."""

    def __init__(self, app):
        self.registry = CollectorRegistry()
        self.requests = Counter("tapcast_http_requests", "HTTP requests",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("tapcast_http_request_duration_seconds",
                                 "Time to answer an HTTP request", ["method", "route"],
                                 registry=self.registry)
        self.registry.register(collectors.ProcessCollector(app))

    def observe(self, response):
        rule = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        self.requests.labels(request.method, rule, str(response.status_code)).inc()
        started = g.get("metrics_started")
        # A /ws request lasts as long as its socket: counted, but not a latency.
        if started is not None and not (request.url_rule and request.url_rule.websocket):
            self.latency.labels(request.method, rule).observe(time.perf_counter() - started)
        return response


def start_timer():
    g.metrics_started = time.perf_counter()


@bp.get("/metrics")
def metrics():
    """This process's metrics in Prometheus' text format, for a Bearer METRICS_TOKEN only."""
    expected = f"Bearer {current_app.config['METRICS_TOKEN']}"
    if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
        raise NotFound()  # the same answer as any unknown path
    body = generate_latest(current_app.extensions[EXTENSION_KEY].registry)
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


def init_app(app):
    """Instrument requests and serve /metrics when METRICS_ENABLED; nothing otherwise."""
    if not app.config["METRICS_ENABLED"]:
        return
    process_counts.listen_for_db_failures()
    state = app.extensions[EXTENSION_KEY] = RequestMetrics(app)
    collectors.add_source(app, "tapcast_catalogue_sequence",
                          "The library's change sequence as recorded in library_state",
                          collectors.library_sequence)
    collectors.add_source(app, "tapcast_catalogue_lag",
                          "Library changes this process's catalogue has yet to apply",
                          collectors.catalogue_lag)
    app.before_request(start_timer)
    app.after_request(state.observe)
    app.register_blueprint(bp)
