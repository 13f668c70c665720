"""What applies at an instant, through a whole week and across daylight-saving nights."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.rules import instant, schedule

BERLIN = ZoneInfo("Europe/Berlin")
EVERY_NIGHT = [{"day": day, "start": "19:30", "end": "07:00"} for day in schedule.DAYS]


def rules(**fields):
    return schedule.validate({"time_zone": "Europe/Berlin", "quiet_time": EVERY_NIGHT,
                              "max_volume": {"day": 0.8, "night": 0.3}, **fields})


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def test_a_whole_week_minute_by_quarter_hour_matches_the_wall_clock():
    week = rules()
    start = berlin(2026, 12, 7, 0, 0)  # a Monday
    for step in range(7 * 24 * 4):
        now = start + timedelta(minutes=15 * step)
        local = now.astimezone(BERLIN)
        expected = local.hour * 60 + local.minute >= 19 * 60 + 30 or local.hour < 7
        where = instant.situation(week, now)
        assert where.quiet == expected, local
        assert where.max_volume == (0.3 if expected else 0.8)
        assert where.day == local.date().isoformat()


def test_the_period_and_wake_time_of_a_night():
    where = instant.situation(rules(), berlin(2026, 12, 8, 2, 0))
    assert where.period == "2026-12-07T19:30"
    assert where.quiet_ends_at == berlin(2026, 12, 8, 7, 0)


def test_spring_forward_night_in_berlin_is_an_hour_shorter():
    # 2026-03-29: clocks jump from 02:00 to 03:00. The night from Saturday 19:30 ends at
    # 07:00 CEST, which is 05:00 UTC (a fixed UTC+1 would say 06:00).
    night = rules()
    assert instant.situation(night, datetime(2026, 3, 29, 4, 59, tzinfo=UTC)).quiet
    assert not instant.situation(night, datetime(2026, 3, 29, 5, 0, tzinfo=UTC)).quiet
    where = instant.situation(night, datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 03:30 CEST
    assert where.period == "2026-03-28T19:30"
    assert where.quiet_ends_at == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)
    assert where.quiet_ends_at - berlin(2026, 3, 28, 19, 30) == timedelta(hours=10, minutes=30)


def test_fall_back_night_in_berlin_is_an_hour_longer():
    night = rules()
    start, end = berlin(2026, 10, 24, 19, 30), datetime(2026, 10, 25, 6, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=12, minutes=30)
    assert instant.situation(night, end - timedelta(minutes=1)).quiet
    assert not instant.situation(night, end).quiet


def test_a_quiet_start_inside_the_skipped_hour_starts_when_the_clocks_pass_it():
    night = schedule.validate({"time_zone": "Europe/Berlin",
                               "quiet_time": [{"day": "sun", "start": "02:30", "end": "06:00"}]})
    assert not instant.situation(night, datetime(2026, 3, 29, 0, 59, tzinfo=UTC)).quiet
    assert instant.situation(night, datetime(2026, 3, 29, 1, 0, tzinfo=UTC)).quiet  # 03:00


def test_bonus_lets_play_through_until_it_expires():
    night, now = rules(), berlin(2026, 12, 7, 20, 0)
    until = now + timedelta(minutes=15)
    assert not instant.situation(night, now, until).refuses_play
    assert instant.situation(night, until, until).refuses_play


@pytest.mark.parametrize("seconds, reached", [(0, False), (3599, False), (3600, True)])
def test_daily_limit(seconds, reached):
    assert instant.limit_reached(rules(daily_limit_minutes=60), seconds) is reached


def test_no_limit_is_never_reached():
    assert not instant.limit_reached(rules(), 10 ** 9)
