"""A child's listening, counted from the play reports of their own player (POST /me/history).

The app's player reports its position every REPORT_SECONDS of playing. Each report goes
through a Tally, as a receiver's state reports do, with the server's clock (clock.now(), so
tests can move it) in place of the receiver's monotonic one: a report counts how far the
position advanced on the same track, at most the time elapsed since the previous report and
at most MAX_STEP_SECONDS. So a seek counts no more than the time it took, a long gap between
reports counts at most one step, a clock moved back counts nothing and one moved forward at
most one step. Reports of one child may reach different processes, so the Tally is restored
from the child's totals document and written back (one update) for every report, under a
lock per child.
"""

from server import locks
from server.households import access as households
from server.rules import clock, schedule, store
from server.rules.listening import PlayCounter, Report
from server.rules.tally import Tally

REPORT_SECONDS = 5  # mobile/js/player.js reportEverySeconds
MAX_STEP_SECONDS = 3 * REPORT_SECONDS  # a missed report or two is still listening


class MemberTally(Tally):
    """A Tally living for one report: restored from the totals document, saved once."""

    def __init__(self, user_id, doc):
        super().__init__(user_id)
        self.stored = doc["days"]
        self.pending = {}  # {day: (seconds, segments)} to write in the one update
        self.counter = PlayCounter(MAX_STEP_SECONDS)
        self.counter.last = Report(**doc["last"]) if doc.get("last") else None
        self.open = doc.get("open")
        if doc.get("day"):
            known = self.stored.get(doc["day"], {})
            self.day, self.seconds = doc["day"], known.get("seconds", 0.0)
            self.count, self.days_known = known.get("segments", 0), tuple(self.stored)

    def stored_days(self):
        return {**self.stored, **{day: {"seconds": seconds, "segments": segments}
                                  for day, (seconds, segments) in self.pending.items()}}

    def save(self):
        if self.day is not None:
            self.pending[self.day] = (self.seconds, self.count)

    def flush(self):
        """Write the days counted and the state the next report starts from."""
        self.save()
        last = self.counter.last
        store.save_days(self.device_id, self.pending, self.days_known, {
            "day": self.day, "open": self.open, "last": last and {
                "track_id": last.track_id, "position": last.position,
                "monotonic": last.monotonic, "playing": last.playing}})


def local_day(now, time_zone):
    return now.astimezone(schedule.zone(time_zone)).date().isoformat()


def count_report(user, track_id, position, completed):
    """Count a child's play report; returns the seconds counted (adults are not counted)."""
    household, entry = households.membership(user)
    if entry["role"] != "child":
        return 0.0
    now = clock.now()
    state = {"track_id": track_id, "position": position,
             "status": "stopped" if completed else "playing"}
    with locks.held(f"listening:{user['_id']}"):
        tally = MemberTally(user["_id"], store.totals_of(user["_id"]))
        played = tally.report(state, local_day(now, household["time_zone"]), now,
                              now.timestamp())
        tally.flush()
    return played
