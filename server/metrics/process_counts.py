"""Counts kept per process with no app at hand (broker greenlets, pymongo's monitor).

Plain integers, cheap enough to keep whether metrics are enabled or not; the /metrics
collectors read them.
"""

from collections import Counter

from pymongo import monitoring

ws_messages = Counter()  # "sent" / "received" WebSocket text frames
db_failures = Counter()  # failed database commands, by command name
db_unreachable = Counter()  # failed server checks (the database down or unreachable)
_listening = False


class FailedCommands(monitoring.CommandListener):
    """Counts every database command that failed (network errors and server errors alike)."""

    def started(self, event):
        pass

    def succeeded(self, event):
        pass

    def failed(self, event):
        db_failures[event.command_name] += 1


class FailedChecks(monitoring.ServerHeartbeatListener):
    """Counts failed server checks: a database that is down fails no command, only these."""

    def started(self, event):
        pass

    def succeeded(self, event):
        pass

    def failed(self, event):
        db_unreachable["check"] += 1


def listen_for_db_failures():
    """Register the listeners once per process (they apply to clients created afterwards)."""
    global _listening
    if not _listening:
        monitoring.register(FailedCommands())
        monitoring.register(FailedChecks())
        _listening = True
