"""Values read when Prometheus scrapes: live sockets, broker lag, catalogue, counts.

Other parts add their own gauges with add_source(app, name, help, read): read() returns a
number, or None to leave the sample out (the catalogue's sequence and lag, a scan's state).
"""

import logging
import time
import uuid

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from server.metrics import process_counts

log = logging.getLogger(__name__)
SOURCES_KEY = "tapcast.metrics.sources"
PROBE_TIMEOUT_SECONDS = 1.0


def add_source(app, name, help_text, read):
    """Expose read() as the gauge `name` of this process (call from an init_app)."""
    app.extensions.setdefault(SOURCES_KEY, []).append((name, help_text, read))


class ProcessCollector:
    """The collector registered in each app's registry."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        yield self.sockets()
        yield self.counter("tapcast_ws_messages", "WebSocket text frames", "direction",
                           process_counts.ws_messages)
        yield self.counter("tapcast_db_command_failures", "Failed database commands", "command",
                           process_counts.db_failures)
        yield CounterMetricFamily("tapcast_db_unreachable_checks",
                                  "Failed checks of the database server (down, unreachable)",
                                  value=process_counts.db_unreachable["check"])
        lag = broker_lag(self.app)
        if lag is not None:
            yield GaugeMetricFamily("tapcast_broker_lag_seconds",
                                    "Redis broker publish-to-receive time (a probe)", value=lag)
        with self.app.app_context():
            for name, help_text, read in self.app.extensions.get(SOURCES_KEY, ()):
                value = read_safely(read)
                if value is not None:
                    yield GaugeMetricFamily(name, help_text, value=value)

    def sockets(self):
        from server.realtime.hub import get_hub

        family = GaugeMetricFamily("tapcast_ws_connections", "Live WebSocket sessions",
                                   labels=["kind"])
        members = get_hub(self.app).members
        for kind, prefix in (("app", "user:"), ("receiver", "device:")):
            family.add_metric([kind], sum(len(m) for g, m in list(members.items())
                                          if g.startswith(prefix)))
        return family

    @staticmethod
    def counter(name, help_text, label, counts):
        family = CounterMetricFamily(name, help_text, labels=[label])
        for key, value in sorted(counts.items()):
            family.add_metric([key], value)
        return family


def read_safely(read):
    """A source's value; a failing source (database down) drops its sample, not the scrape."""
    try:
        return read()
    except Exception:
        log.warning("metrics source %s failed", getattr(read, "__name__", read), exc_info=True)
        return None


def broker_lag(app):
    """Seconds from PUBLISH to delivery through the Redis broker; None without Redis."""
    from server.realtime.hub import get_hub

    broker = get_hub(app).broker
    client = getattr(broker, "client", None)
    if client is None:
        return None
    channel = f"tapcast-probe:{uuid.uuid4().hex}"
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        pubsub.subscribe(channel)
        started = time.perf_counter()
        client.publish(channel, "probe")
        while time.perf_counter() - started < PROBE_TIMEOUT_SECONDS:
            if pubsub.get_message(timeout=PROBE_TIMEOUT_SECONDS) is not None:
                return time.perf_counter() - started
        return PROBE_TIMEOUT_SECONDS
    except broker.redis.RedisError:
        return None
    finally:
        pubsub.close()


def library_sequence():
    """The library's journal sequence as library_state records it (None before the first write)."""
    from server.db import get_db
    from server.library.catalogue import journal

    doc = get_db().library_state.find_one({"_id": journal.STATE_ID}) or {}
    value = doc.get("seq")
    return value if isinstance(value, int | float) else None


def catalogue_lag():
    """Journal entries this process's catalogue has not applied yet (None while it loads)."""
    from flask import current_app

    from server.library.catalogue import state

    catalogue, sequence = state.of(current_app), library_sequence()
    if catalogue.conn is None or sequence is None:
        return None
    return max(0, sequence - catalogue.seq)
