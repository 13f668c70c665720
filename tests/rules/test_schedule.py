"""Rules validation: a bad schedule is a 422 naming the field."""

import pytest

from server.errors import ValidationError
from server.rules import schedule


def fields_of(body):
    with pytest.raises(ValidationError) as caught:
        schedule.validate(body)
    assert caught.value.status == 422
    return caught.value.details["fields"]


def test_end_before_start_crosses_midnight_and_is_valid():
    rules = schedule.validate({"quiet_time": [{"day": "fri", "start": "20:00", "end": "08:00"}]})
    assert schedule.interval(rules["quiet_time"][0]) == (4 * 1440 + 1200, 5 * 1440 + 480)


def test_defaults_fill_what_is_left_out():
    assert schedule.validate({}) == schedule.DEFAULTS


@pytest.mark.parametrize("body, field", [
    ({"quiet_time": [{"day": "mon", "start": "19:00", "end": "07:00"},
                     {"day": "tue", "start": "06:00", "end": "08:00"}]}, "quiet_time[1]"),
    # Sunday night runs into Monday morning: the week wraps.
    ({"quiet_time": [{"day": "sun", "start": "22:00", "end": "02:00"},
                     {"day": "mon", "start": "01:00", "end": "03:00"}]}, "quiet_time[1]"),
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"time_zone": "../../etc/passwd"}, "time_zone"),
    ({"daily_limit_minutes": -1}, "daily_limit_minutes"),
    ({"daily_limit_minutes": 1.5}, "daily_limit_minutes"),
    ({"daily_limit_minutes": True}, "daily_limit_minutes"),
    ({"quiet_time": [{"day": "mon", "start": "24:00", "end": "07:00"}]}, "quiet_time[0].start"),
    ({"quiet_time": [{"day": "monday", "start": "19:00", "end": "07:00"}]}, "quiet_time[0].day"),
    ({"quiet_time": [{"day": "mon", "start": "19:00", "end": "19:00"}]}, "quiet_time[0].end"),
    ({"quiet_time": "always"}, "quiet_time"),
    ({"max_volume": {"day": 1.5}}, "max_volume.day"),
    ({"bedtime": {"mode": "track"}}, "bedtime.track_ids"),
    ({"bedtime": {"mode": "explode"}}, "bedtime.mode"),
    ({"wake": {"track_id": "nope"}}, "wake.track_id"),
    ({"allowed": {"categories": "Stories"}}, "allowed.categories"),
    ({"allowed": {"genres": []}}, "allowed"),
    ({"surprise": 1}, "surprise"),
])
def test_bad_rules_name_the_field(body, field):
    assert field in fields_of(body)


def test_adjacent_entries_do_not_overlap():
    rules = schedule.validate({"quiet_time": [
        {"day": "mon", "start": "19:00", "end": "07:00"},
        {"day": "tue", "start": "07:00", "end": "08:00"}]})
    assert len(rules["quiet_time"]) == 2
