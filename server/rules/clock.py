"""The time house rules are judged at: now in UTC, or a test's instant (FAKE_CLOCK_FILE).

Tests of a whole week move the live server's clock by writing an ISO 8601 instant into the
file (renamed over it, so that a tick never reads it half-written); production refuses
the setting. Listening time never depends on this clock.
"""

from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from server.jsonutil import utcnow


def now(app=None):
    """The current instant (aware, UTC)."""
    path = (app or current_app).config.get("FAKE_CLOCK_FILE")
    if path:
        try:
            text = Path(path).read_text().strip()
        except OSError:
            text = ""
        if text:
            return datetime.fromisoformat(text).astimezone(UTC)
    return utcnow()
