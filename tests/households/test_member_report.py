"""A child's listening, counted from their own player's play reports, and who may read it.

The server's clock is the test's (FAKE_CLOCK_FILE), moved between reports as a tablet's
player would send them: every few seconds of playing.
"""

from datetime import datetime, timedelta

import pytest
from bson import ObjectId

from server import create_app
from server import db as database
from tests.conftest import clean_database
from tests.fake_clock import set_clock
from tests.households.support import error_code, family, sign_up

START = datetime.fromisoformat("2026-12-01T22:55:00+00:00")  # 23:55 in Europe/Berlin


@pytest.fixture
def clock_file(tmp_path):
    return tmp_path / "now"


@pytest.fixture
def app(app_config, clock_file):
    app = create_app({**app_config, "FAKE_CLOCK_FILE": str(clock_file)})
    database.ensure_indexes(app)
    yield app
    clean_database(app)
    database.get_client(app).close()


@pytest.fixture
def home(client):
    people = family(client)
    response = client.patch("/api/v1/household", headers=people["parent"][1],
                            json={"time_zone": "Europe/Berlin"})
    assert response.status_code == 200, response.get_json()
    return people


class Player:
    """A child's tablet reporting its position at instants of the server's clock."""

    def __init__(self, client, auth, clock_file, track_id):
        self.client, self.auth, self.clock_file, self.track_id = \
            client, auth, clock_file, track_id

    def report(self, at, position, completed=False):
        set_clock(self.clock_file, at)
        response = self.client.post("/api/v1/me/history", headers=self.auth, json={
            "track_id": self.track_id, "position": position, "completed": completed})
        assert response.status_code == 200, response.get_json()

    def play(self, start, seconds, position=0, step=10):
        """Report every `step` seconds while `seconds` of the track play from `position`."""
        for elapsed in range(0, seconds + 1, step):
            self.report(start + timedelta(seconds=elapsed), position + elapsed)


@pytest.fixture
def player(client, home, clock_file, make_track):
    track = make_track(title="The Gruffalo")
    return Player(client, home["child"][1], clock_file, str(track["_id"]))


def report(client, auth, member, query="from=2026-12-01&to=2026-12-02"):
    response = client.get(f"/api/v1/household/members/{member['id']}/report?{query}",
                          headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def minutes(shown):
    return {day["day"]: day["minutes"] for day in shown["days"]}


def played_seconds(shown):
    return sum(entry["seconds"] for day in shown["days"] for entry in day["entries"])


def test_a_childs_reports_count_minutes_per_day_in_the_household_time_zone(
        client, home, player):
    player.play(START, 600)
    player.report(START + timedelta(seconds=610), 610, completed=True)
    shown = report(client, home["parent"][1], home["child"][0])
    assert (shown["member_id"], shown["time_zone"]) == (home["child"][0]["id"],
                                                        "Europe/Berlin")
    # Berlin's midnight is 23:00 UTC: 290 s before it, 320 s after.
    assert minutes(shown) == {"2026-12-01": 4.8, "2026-12-02": 5.3}
    first = shown["days"][0]["entries"]
    assert [(e["kind"], e["title"], e["seconds"]) for e in first] == [
        ("play", "The Gruffalo", 290.0)]


def test_a_seek_forward_is_not_counted(client, home, player):
    player.play(START, 60)  # 60 s listened
    player.report(START + timedelta(seconds=65), 1800)  # jumped 29 minutes ahead in 5 s
    player.play(START + timedelta(seconds=75), 20, position=1810)
    player.report(START + timedelta(seconds=96), 1831, completed=True)
    shown = report(client, home["parent"][1], home["child"][0])
    assert 60 + 20 + 1 <= played_seconds(shown) <= 60 + 6 + 10 + 20 + 1  # the seek's 5 s, no more


def test_a_clock_jump_does_not_grant_time(client, home, player):
    player.play(START, 30)
    # The server's clock leaps two hours while the position leaps with it: at most one step.
    player.report(START + timedelta(hours=2, seconds=30), 7230)
    # And back an hour: nothing.
    player.report(START + timedelta(hours=1, seconds=40), 7240, completed=True)
    shown = report(client, home["parent"][1], home["child"][0],
                   "from=2026-12-01&to=2026-12-02")
    assert sum(minutes(shown).values()) <= round((30 + 15) / 60, 1)


def test_an_adults_own_player_is_not_counted(client, home, clock_file, make_track):
    adult = Player(client, home["partner"][1], clock_file, str(make_track()["_id"]))
    adult.play(START, 60)
    assert sum(minutes(report(client, home["parent"][1], home["partner"][0])).values()) == 0


def test_a_child_reads_their_own_report(client, home, player):
    player.play(START, 60)
    assert minutes(report(client, home["child"][1], home["child"][0]))["2026-12-01"] == 1.0


def test_a_child_cannot_read_another_members_report(client, home):
    response = client.get(f"/api/v1/household/members/{home['parent'][0]['id']}/report",
                          headers=home["child"][1])
    assert (response.status_code, error_code(response)) == (403, "adult_required")


@pytest.mark.parametrize("who", ["adult", "missing"])
def test_another_households_member_is_not_found(client, home, who):
    stranger, stranger_auth = sign_up(client)
    member_id = stranger["id"] if who == "adult" else str(ObjectId())
    for auth in (home["parent"][1], home["child"][1]):
        response = client.get(f"/api/v1/household/members/{member_id}/report", headers=auth)
        assert (response.status_code, error_code(response)) == (404, "not_found")
    response = client.get(f"/api/v1/household/members/{home['child'][0]['id']}/report",
                          headers=stranger_auth)
    assert response.status_code == 404


@pytest.mark.parametrize("query, field", [
    ("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=", "from"), ("to=", "to"),
    ("from=2026-01-01&to=2026-03-31", "to"), ("from=2026-12-05&to=2026-12-01", "from")])
def test_bad_dates_are_refused_naming_the_field(client, home, query, field):
    response = client.get(
        f"/api/v1/household/members/{home['child'][0]['id']}/report?{query}",
        headers=home["parent"][1])
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]["fields"]) == [field]
