"""House rules through a whole week on one receiver, over real sockets, with the live
server's clock moved by the test (FAKE_CLOCK_FILE) and its rules checked every second."""

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from devtools.liveserver import LiveServer
from server.rules import schedule
from tests.fake_clock import set_clock
from tests.realtime.conftest import call, pair, register

BERLIN = ZoneInfo("Europe/Berlin")
NIGHTS = [{"day": day, "start": "19:30", "end": "07:00"} for day in schedule.DAYS]


@pytest.fixture(scope="module")
def clock_file(tmp_path_factory):
    return tmp_path_factory.mktemp("clock") / "now"


@pytest.fixture(scope="module")
def rules_server(app_config, clock_file, tmp_path_factory):
    set_clock(clock_file, "2026-03-23T17:00:00+00:00")
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", WS_HEARTBEAT_SECONDS="2", RULES_TICK_SECONDS="1",
               FAKE_CLOCK_FILE=str(clock_file))
    log_path = tmp_path_factory.mktemp("rules") / "server.log"
    with LiveServer(env, log_path=log_path) as server:
        yield server


class Week:
    """One parent's phone, one receiver and the server's clock."""

    def __init__(self, server, clock_file, token, device, phone, receiver):
        self.server, self.clock_file, self.token = server, clock_file, token
        self.device, self.phone, self.receiver = device, phone, receiver
        self.mono = 0.0  # the receiver's monotonic clock, which never jumps
        self.sent = 0

    def at(self, *wall, utc=False):
        """Set the server's clock to a Berlin wall time (or a UTC one) and let a tick pass."""
        moment = datetime(*wall, tzinfo=UTC if utc else BERLIN).astimezone(UTC)
        set_clock(self.clock_file, moment)
        time.sleep(1.3)

    def rules(self, **fields):
        body = {"time_zone": "Europe/Berlin", "quiet_time": NIGHTS,
                "bedtime": {"mode": "fade", "fade_seconds": 3}, **fields}
        status, answer = call(self.server, "PUT", f"/api/v1/devices/{self.device['id']}/rules",
                              body, token=self.token)
        assert status == 200, answer
        return answer

    def command(self, action, **data):
        self.sent += 1
        msg_id = f"c{self.sent}"
        self.phone.send("command", {"device_id": self.device["id"], "action": action, **data},
                        msg_id=msg_id)
        return self.phone.expect_reply(msg_id)

    def refused(self, action, **data):
        reply = self.command(action, **data)
        assert reply["type"] == "error", reply
        return reply["data"]["code"]

    def report(self, track, position, status="playing", event=None, advance=None):
        self.mono += position if advance is None else advance
        self.receiver.send("state", {"status": status, "track_id": track, "position": position,
                                     "duration": 600, "volume": 1, "event": event,
                                     "monotonic": self.mono})

    def expect_command(self, **where):
        return self.receiver.expect("command", where=lambda d: all(
            d.get(key) == value for key, value in where.items()))["data"]

    def now(self):
        status, answer = call(self.server, "GET", f"/api/v1/devices/{self.device['id']}/rules",
                              token=self.token)
        assert status == 200
        return answer["now"]


@pytest.fixture
def week(rules_server, clock_file, make_user, make_track, connect):
    set_clock(clock_file, "2026-03-23T17:00:00+00:00")  # Monday 18:00 in Berlin
    _, token = make_user("parent")
    registration = register(rules_server)
    device = pair(rules_server, token, registration["pairing_code"])
    phone = connect(f"token={token}", server=rules_server)
    phone.expect("hello")
    receiver = connect(f"device_token={registration['device_token']}", server=rules_server)
    receiver.expect("hello")
    return Week(rules_server, clock_file, token, device, phone, receiver)


def test_a_week_of_house_rules(week, make_track):
    story, wake_song, bedtime_story = make_track("Story"), make_track("Song"), make_track("Moon")
    week.rules(wake={"track_id": wake_song}, daily_limit_minutes=120)
    assert week.receiver.expect("rules")["data"]["rules"]["time_zone"] == "Europe/Berlin"
    week.phone.expect("device.rules")

    # Monday: quiet time starts in the middle of a story: fade, then pause.
    assert week.command("play", track_ids=[story])["type"] == "ack"
    week.expect_command(action="play", track_id=story)
    week.report(story, 0, event="started")
    week.report(story, 30)
    week.at(2026, 3, 23, 19, 30, 5)
    stop = week.expect_command(action="pause")
    assert (stop["reason"], stop["fade_seconds"]) == ("quiet_time", 3)
    week.report(story, 33, status="paused", event="paused", advance=3)
    assert week.refused("play", track_ids=[story]) == "quiet_time"
    assert week.refused("resume") == "quiet_time"
    status, body = call(week.server, "POST", f"/api/v1/devices/{week.device['id']}/commands",
                        {"action": "resume"}, token=week.token)
    assert (status, body["error"]["code"]) == (409, "quiet_time")

    # An adult grants 15 minutes; they run out by themselves.
    status, body = call(week.server, "POST", f"/api/v1/devices/{week.device['id']}/bonus",
                        {"minutes": 15}, token=week.token)
    assert status == 200 and body["now"]["bonus"], body
    assert week.receiver.expect("rules")["data"]["bonus_until"].startswith("2026-03-23T18:45:05")
    assert week.command("resume")["type"] == "ack"
    week.expect_command(action="resume")
    week.report(story, 33, event="resumed", advance=1)
    week.at(2026, 3, 23, 19, 44)
    week.report(story, 40, advance=7)
    week.receiver.assert_nothing("command", 1.5)
    week.at(2026, 3, 23, 19, 45, 10)
    assert week.expect_command(action="pause")["reason"] == "quiet_time"
    week.report(story, 41, status="paused", event="paused", advance=1)

    # Tuesday 07:00: wake time plays its track.
    week.at(2026, 3, 24, 7, 0, 5)
    wake = week.expect_command(action="play")
    assert (wake["track_id"], wake["reason"]) == (wake_song, "wake")

    # The daily limit (1 minute now) is reached in the middle of the wake song.
    week.rules(wake={"track_id": wake_song}, daily_limit_minutes=1)
    week.report(wake_song, 0, event="started")
    week.report(wake_song, 30)
    week.report(wake_song, 61, advance=31)
    assert week.expect_command(action="pause")["reason"] == "limit_reached"
    week.report(wake_song, 62, status="paused", event="paused", advance=1)
    assert week.refused("play", track_ids=[story]) == "limit_reached"
    listened = week.now()["listened_seconds"]
    assert 61 <= listened <= 63

    # The server's clock jumps back and forward within the day: no time granted or taken.
    week.at(2026, 3, 24, 15, 0)
    week.at(2026, 3, 24, 9, 0)
    assert week.now()["listened_seconds"] == listened
    assert week.refused("play", track_ids=[story]) == "limit_reached"

    # Wednesday: the bedtime story plays to its end, then everything stops.
    week.rules(bedtime={"mode": "track", "track_ids": [bedtime_story], "fade_seconds": 3})
    week.at(2026, 3, 25, 19, 0)
    week.at(2026, 3, 25, 19, 30, 5)
    bedtime = week.expect_command(action="play")
    assert (bedtime["track_id"], bedtime["reason"]) == (bedtime_story, "bedtime")
    week.report(bedtime_story, 0, event="started")
    week.report(bedtime_story, 20)
    week.receiver.assert_nothing("command", 2)
    week.report(bedtime_story, 25, status="stopped", event="ended", advance=5)
    week.receiver.assert_nothing("command", 2)
    assert week.refused("play", track_ids=[story]) == "quiet_time"

    # The Saturday night is the spring-forward one: it ends at 07:00 CEST, 05:00 UTC.
    week.rules(wake={"track_id": wake_song})
    week.at(2026, 3, 29, 4, 59, utc=True)
    assert week.now()["quiet"]
    assert week.refused("play", track_ids=[story]) == "quiet_time"
    week.at(2026, 3, 29, 5, 0, 5, utc=True)
    assert week.expect_command(action="play")["reason"] == "wake"
    assert not week.now()["quiet"]

    # The report: minutes per day, what played and when the rules stopped it.
    status, report = call(week.server, "GET", f"/api/v1/devices/{week.device['id']}/report"
                          "?from=2026-03-23&to=2026-03-29", token=week.token)
    assert status == 200, report
    days = {day["day"]: day for day in report["days"]}
    assert len(days) == 7
    monday = days["2026-03-23"]
    assert [e["reason"] for e in monday["entries"] if e["kind"] == "stop"] == [
        "quiet_time", "quiet_time"]
    assert [e["title"] for e in monday["entries"] if e["kind"] == "play"] == ["Story", "Story"]
    assert monday["minutes"] == pytest.approx(41 / 60, abs=0.1)
    tuesday = days["2026-03-24"]
    assert [e["reason"] for e in tuesday["entries"] if e["kind"] == "stop"] == ["limit_reached"]
    assert days["2026-03-25"]["minutes"] == pytest.approx(25 / 60, abs=0.1)
    assert days["2026-03-26"] == {"day": "2026-03-26", "minutes": 0, "entries": []}


def test_a_track_ending_in_quiet_time_does_not_start_the_next(week, make_track):
    first, second = make_track("First"), make_track("Second")
    week.rules()
    assert week.command("play", track_ids=[first, second])["type"] == "ack"
    week.expect_command(action="play", track_id=first)
    week.report(first, 0, event="started")
    week.at(2026, 3, 23, 19, 30, 5)
    assert week.expect_command(action="pause")["reason"] == "quiet_time"
    # The fade was still running when the track reached its end.
    week.report(first, 2, status="stopped", event="ended", advance=2)
    week.receiver.assert_nothing("command", 2)
    assert week.refused("next") == "quiet_time"
