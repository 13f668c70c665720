"""One connected receiver's listening, kept by the process holding its socket.

Seconds come from the PlayCounter (the receiver's own monotonic reports). The day's total is
held in memory and written to the totals document at most every SAVE_SECONDS, or when a
stretch of one track ends; each stretch and each stop by the rules is an inserted document.
"""

import time

from server.rules import store
from server.rules.listening import PlayCounter

SAVE_SECONDS = 15


class Tally:
    def __init__(self, device_id):
        self.device_id = device_id
        self.counter = PlayCounter()
        self.day = None
        self.seconds = 0.0
        self.count = 0  # stretches and stops written today (the last number taken)
        self.days_known = ()
        self.open = None  # {"track_id", "at", "seconds"} of the stretch being played
        self.saved_at = 0.0
        self.dirty = False

    def switch_day(self, day):
        """Start counting `day` (the local day of the rules' time zone) from what is stored."""
        if day == self.day:
            return
        self.close()
        self.save()
        totals = self.stored_days()
        known = totals.get(day, {})
        self.day, self.seconds, self.count = day, known.get("seconds", 0.0), known.get(
            "segments", 0)
        self.days_known = tuple(totals)

    def stored_days(self):
        """{day: {"seconds", "segments"}} as stored (read when the day changes)."""
        if self.day is None:
            store.ensure_totals(self.device_id)  # so the read below finds it by _id
        return store.day_totals(self.device_id)

    def report(self, state, day, now, monotonic):
        """Count one state report made at `now` (UTC) on `day`; returns the seconds counted."""
        self.switch_day(day)
        played = self.counter.advance(state, monotonic)
        track_id, playing = state.get("track_id"), state.get("status") == "playing"
        if self.open is not None:
            self.open["seconds"] += played
        self.seconds += played
        if self.open is not None and (self.open["track_id"] != track_id or not playing):
            self.close()
        if playing and track_id is not None and self.open is None:
            self.open = {"track_id": track_id, "at": now, "seconds": 0.0}
        self.dirty = self.dirty or played > 0
        if self.dirty and time.monotonic() - self.saved_at >= SAVE_SECONDS:
            self.save()
        return played

    def close(self):
        """Write the stretch being played, if it lasted."""
        stretch, self.open = self.open, None
        if stretch is None or stretch["seconds"] <= 0:
            return
        self.write({"kind": "play", "track_id": stretch["track_id"], "at": stretch["at"],
                    "seconds": round(stretch["seconds"], 1)})

    def stopped(self, reason, now, track_id):
        """Record that the rules stopped playback (quiet_time, limit)."""
        self.close()
        self.write({"kind": "stop", "reason": reason, "at": now, "track_id": track_id})

    def write(self, fields):
        self.count = store.insert_segment(self.device_id, self.day, self.count + 1, fields)
        self.dirty = True
        self.save()

    def save(self):
        if self.day is None or not self.dirty:
            return
        store.save_day(self.device_id, self.day, self.seconds, self.count, self.days_known)
        self.saved_at, self.dirty = time.monotonic(), False
