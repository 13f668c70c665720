"""Issue 17 rows 9-11: limits that hold under bursts of 100, and lockouts that spare the owner."""

import pytest

from tests.accounts_helpers import PASSWORD
from tests.races.support import burst, call, started_server, statuses

LIMITS = {"LOGIN_MAX_FAILURES_PER_ACCOUNT": 5, "LOGIN_MAX_FAILURES_PER_ADDRESS": 20,
          "LOGIN_ACCOUNT_BACKOFF_FAILURES": 50, "REGISTRATIONS_PER_ADDRESS": 10,
          "DEVICE_REGISTRATIONS_PER_ADDRESS": 30, "PAIRING_GUESSES_PER_ACCOUNT": 10,
          "PAIRING_GUESSES_PER_ADDRESS": 20}


@pytest.fixture(scope="module")
def limited(app_config, tmp_path_factory):
    """A live server with the production limits."""
    with started_server(app_config, tmp_path_factory.mktemp("limits"), **LIMITS) as server:
        yield server


def sign_up(server, username, source):
    return call(server, "POST", "/api/v1/auth/register",
                {"username": username, "password": PASSWORD}, source=source)


def sign_in(server, username, password, source):
    return call(server, "POST", "/api/v1/auth/login",
                {"username": username, "password": password}, source=source)


def test_a_burst_of_wrong_passwords_checks_exactly_the_limit(limited, db):
    assert sign_up(limited, "wendy", "127.0.1.1")[0] == 201
    results = burst(100, lambda _: sign_in(limited, "wendy", "wrong guess 1", "127.0.1.2"))
    assert statuses(results) == {401: 5, 429: 95}
    refused = next(result for result in results if result[0] == 429)
    assert int(refused[1]["Retry-After"]) >= 1
    assert refused[2]["error"]["code"] == "too_many_attempts"


def test_a_burst_of_sign_ups_creates_exactly_the_limit(limited, db):
    results = burst(100, lambda n: sign_up(limited, f"burst{n}", "127.0.2.1"))
    assert statuses(results) == {201: 10, 429: 90}
    assert db.users.count_documents({"username": {"$regex": "^burst"}}) == 10


def test_sign_ups_with_a_taken_name_count_too(limited, db):
    assert sign_up(limited, "taken", "127.0.3.1")[0] == 201
    results = burst(100, lambda _: sign_up(limited, "taken", "127.0.3.2"))
    assert statuses(results) == {409: 10, 429: 90}


def test_a_burst_of_receiver_registrations_creates_exactly_the_limit(limited, db):
    results = burst(100, lambda n: call(limited, "POST", "/api/v1/devices", {"name": f"Box {n}"},
                                        source="127.0.4.1"))
    assert statuses(results) == {201: 30, 429: 70}
    assert db.devices.count_documents({}) == 30


def test_guessing_from_many_addresses_leaves_the_owner_signing_in(limited, db):
    _, _, body = sign_up(limited, "olivia", "127.0.5.1")
    assert sign_in(limited, "olivia", PASSWORD, "127.0.5.1")[0] == 200  # her own address
    attackers = [f"127.0.6.{n}" for n in range(1, 21)]
    burst(100, lambda n: sign_in(limited, "olivia", "wrong guess 1", attackers[n % 20]))
    # The account-wide back-off is reached (20 addresses x 5 failures > 50): a new address
    # is refused even with the right password...
    assert sign_in(limited, "olivia", PASSWORD, "127.0.7.1")[0] == 429
    # ...but the owner's own address keeps working, for signing in and changing the password.
    status, _, signed_in = sign_in(limited, "olivia", PASSWORD, "127.0.5.1")
    assert status == 200
    change = call(limited, "PATCH", "/api/v1/me",
                  {"current_password": PASSWORD, "new_password": "a brand new passphrase"},
                  token=signed_in["token"], source="127.0.5.1")
    assert change[0] == 200, change


def test_failures_from_one_address_do_not_block_the_owner_elsewhere(limited, db):
    assert sign_up(limited, "pablo", "127.0.8.1")[0] == 201
    burst(100, lambda _: sign_in(limited, "pablo", "wrong guess 1", "127.0.8.2"))
    # A first sign-in from yet another address: only 5 failures count account-wide.
    assert sign_in(limited, "pablo", PASSWORD, "127.0.8.3")[0] == 200


def test_pairing_code_guesses_are_limited_per_account(limited, db):
    _, _, body = sign_up(limited, "gus", "127.0.9.1")
    token = body["token"]
    results = burst(100, lambda n: call(limited, "POST", "/api/v1/devices/pair",
                                        {"code": "ZZZZZZ"}, token=token,
                                        source=f"127.0.10.{1 + n % 50}"))
    assert statuses(results) == {404: 10, 429: 90}
    refused = next(result for result in results if result[0] == 429)
    assert int(refused[1]["Retry-After"]) >= 1


def test_pairing_code_guesses_are_limited_per_address(limited, db):
    tokens = [sign_up(limited, f"guesser{n}", "127.0.11.1")[2]["token"] for n in range(5)]
    results = burst(100, lambda n: call(limited, "POST", "/api/v1/devices/pair",
                                        {"code": "ZZZZZZ"}, token=tokens[n % 5],
                                        source="127.0.11.2"))
    assert statuses(results) == {404: 20, 429: 80}


def test_a_right_code_still_pairs_after_wrong_guesses(limited, db):
    _, _, body = sign_up(limited, "hana", "127.0.12.1")
    token = body["token"]
    registration = call(limited, "POST", "/api/v1/devices", {"name": "Den"}, source="127.0.12.1")
    for _ in range(9):
        assert call(limited, "POST", "/api/v1/devices/pair", {"code": "ZZZZZZ"}, token=token,
                    source="127.0.12.1")[0] == 404
    paired = call(limited, "POST", "/api/v1/devices/pair",
                  {"code": registration[2]["pairing_code"]}, token=token, source="127.0.12.1")
    assert paired[0] == 200


def test_a_burst_of_messages_stores_exactly_the_limit(limited, db):
    _, _, body = sign_up(limited, "milo", "127.0.13.1")
    token = body["token"]
    _, _, registration = call(limited, "POST", "/api/v1/devices", {"name": "Hall"},
                              source="127.0.13.1")
    status, _, device = call(limited, "POST", "/api/v1/devices/pair",
                             {"code": registration["pairing_code"]}, token=token)
    assert status == 200
    path = f"/api/v1/conversations/{device['id']}/messages"
    results = burst(100, lambda n: call(limited, "POST", path, {"text": f"hi {n}"}, token=token))
    assert statuses(results) == {201: 20, 429: 80}
    listed = call(limited, "GET", f"{path}?per_page=100", token=token)[2]
    assert sorted(item["seq"] for item in listed["items"]) == list(range(1, 21))
