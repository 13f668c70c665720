"""Sign-ups and receiver registrations are limited per client address over a sliding window."""

import time
from datetime import timedelta

import pytest

from server import rate_limits
from server.jsonutil import utcnow
from tests.accounts_helpers import PASSWORD

ELSEWHERE = {"REMOTE_ADDR": "10.0.0.9"}


def sign_up(client, number, **kwargs):
    return client.post("/api/v1/auth/register",
                       json={"username": f"user{number}", "password": PASSWORD}, **kwargs)


def register_device(client, number, **kwargs):
    return client.post("/api/v1/devices", json={"name": f"Box {number}"}, **kwargs)


CASES = [("REGISTRATIONS_PER_ADDRESS", "REGISTRATION_WINDOW_SECONDS", sign_up),
         ("DEVICE_REGISTRATIONS_PER_ADDRESS", "DEVICE_REGISTRATION_WINDOW_SECONDS",
          register_device)]


@pytest.mark.parametrize(("limit", "window", "create"), CASES)
def test_creations_past_the_limit_get_429_until_the_window_moves_on(app, client, limit, window,
                                                                    create, monkeypatch):
    app.config[limit] = 2
    assert [create(client, n).status_code for n in range(2)] == [201, 201]
    blocked = create(client, 2)
    assert blocked.status_code == 429
    error = blocked.get_json()["error"]
    assert error["code"] == "rate_limited"
    wait = int(blocked.headers["Retry-After"])
    assert 1 <= wait <= app.config[window]
    assert error["details"] == {"retry_after": wait}
    # Another address is not affected.
    assert create(client, 3, environ_base=ELSEWHERE).status_code == 201
    # One window on, the two creations have faded enough for one more, then the block is back
    # (refused attempts did not count).
    seconds = app.config[window]
    later = (int(time.time() // seconds) + 1.75) * seconds  # three quarters into the next
    monkeypatch.setattr(rate_limits, "now_seconds", lambda: later)
    assert create(client, 4).status_code == 201
    assert create(client, 5).status_code == 429


def test_rejected_sign_ups_do_not_count(app, client):
    app.config["REGISTRATIONS_PER_ADDRESS"] = 1
    for bad in ({"username": "x", "password": PASSWORD}, {"username": "weakling", "password": "1"},
                "not json"):
        response = client.post("/api/v1/auth/register", json=bad)
        assert response.status_code in (400, 409, 415, 422)
    assert sign_up(client, 1).status_code == 201
    assert sign_up(client, 1, environ_base=ELSEWHERE).status_code == 409
    assert sign_up(client, 2).status_code == 429


def test_the_limits_are_separate_per_kind(app, client):
    app.config["REGISTRATIONS_PER_ADDRESS"] = 1
    app.config["DEVICE_REGISTRATIONS_PER_ADDRESS"] = 1
    assert sign_up(client, 1).status_code == 201
    assert register_device(client, 1).status_code == 201
    assert sign_up(client, 2).status_code == 429
    assert register_device(client, 2).status_code == 429


def test_sweep_removes_expired_creations(app, client, db, runner):
    app.config["REGISTRATIONS_PER_ADDRESS"] = 1
    assert sign_up(client, 1).status_code == 201
    db.rate_slots.update_many({}, {"$set": {"expires_at": utcnow() - timedelta(seconds=1)}})
    assert "1 rate limit events" in runner.invoke(args=["sweep"]).output
    assert db.rate_slots.count_documents({}) == 0
