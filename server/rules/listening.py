"""Listening time from a receiver's play reports, never from wall-clock differences.

A receiver reports its track position and its own monotonic clock (`monotonic`, seconds,
performance.now() in a browser). Time listened is how far the position advanced on the same
track while it was playing, at most as much as the receiver's monotonic clock advanced (plus
a little slack for report timing): a seek is not listening, and neither the server's nor the
receiver's wall clock moving forward or back adds or removes a second.
"""

from dataclasses import dataclass

SLACK_SECONDS = 1.0
MAX_STEP_SECONDS = 120  # reports come every few seconds; a longer gap counts this at most


@dataclass
class Report:
    track_id: object
    position: float
    monotonic: float
    playing: bool


class PlayCounter:
    """Seconds played between consecutive reports of one receiver."""

    def __init__(self, max_step=MAX_STEP_SECONDS):
        self.last = None
        self.max_step = max_step

    def advance(self, state, monotonic):
        """The seconds listened since the previous report (0 for the first one)."""
        report = Report(state.get("track_id"), state.get("position") or 0, monotonic,
                        state.get("status") == "playing")
        previous, self.last = self.last, report
        if (previous is None or not previous.playing or previous.track_id is None
                or previous.track_id != report.track_id or state.get("event") == "seeked"):
            return 0.0
        advanced = report.position - previous.position
        elapsed = report.monotonic - previous.monotonic
        if advanced <= 0 or elapsed < 0:
            return 0.0
        return min(advanced, elapsed + SLACK_SECONDS, self.max_step)
