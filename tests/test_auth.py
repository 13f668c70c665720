"""Sign up, sign in, sign out; tokens revoked and expired; guessing slowed down."""

import threading
from datetime import timedelta

import pytest

from server.jsonutil import utcnow
from tests.accounts_helpers import PASSWORD, bearer, register


def error_code(response):
    return response.get_json()["error"]["code"]


def test_register_returns_user_and_working_token(client):
    response = client.post("/api/v1/auth/register",
                           json={"username": "Alice", "password": PASSWORD, "nickname": " Ali "})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body["user"]) == {"id", "username", "nickname", "is_admin", "avatar_url",
                                 "created_at", "jukebox_device_id"}
    assert body["user"]["username"] == "Alice"
    assert body["user"]["nickname"] == "Ali"
    assert body["user"]["is_admin"] is False
    me = client.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.get_json()["id"] == body["user"]["id"]


def test_password_and_token_are_stored_hashed(client, db):
    user, token = register(client, "bob")
    stored = db.users.find_one({"username": "bob"})
    assert PASSWORD not in str(stored)
    assert stored["password_hash"].startswith("scrypt:")
    assert token not in str(list(db.tokens.find()))


@pytest.mark.parametrize("username", ["ab", "a" * 33, "with space", "émile", "semi;colon",
                                      "", None, 42, "tab\tname", "dot/slash"])
def test_register_rejects_bad_usernames(client, username):
    response = client.post("/api/v1/auth/register",
                           json={"username": username, "password": PASSWORD})
    assert response.status_code == 422
    assert "username" in response.get_json()["error"]["details"]["fields"]


@pytest.mark.parametrize("password", ["short1!", "x" * 129, "password", "12345678",
                                      "aaaaaaaaaa", "abcdefghij", "qwertyuiop", "carol-the-great",
                                      None, 12345678])
def test_register_rejects_weak_or_overlong_passwords(client, password):
    response = client.post("/api/v1/auth/register",
                           json={"username": "carol", "password": password})
    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["details"]["fields"]


@pytest.mark.parametrize("nickname", ["", "   ", "n" * 65, "bell\x07", 7])
def test_register_rejects_bad_nicknames(client, nickname):
    response = client.post("/api/v1/auth/register",
                           json={"username": "dave", "password": PASSWORD, "nickname": nickname})
    assert response.status_code == 422
    assert "nickname" in response.get_json()["error"]["details"]["fields"]


def test_usernames_are_unique_regardless_of_case(client):
    register(client, "Erin")
    response = client.post("/api/v1/auth/register", json={"username": "eRIN", "password": PASSWORD})
    assert response.status_code == 409
    assert error_code(response) == "username_taken"


def test_concurrent_registrations_of_one_name_exactly_one_wins(app):
    statuses = []
    barrier = threading.Barrier(2)

    def sign_up(name):
        client = app.test_client()
        barrier.wait()
        response = client.post("/api/v1/auth/register",
                               json={"username": name, "password": PASSWORD})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=sign_up, args=(name,)) for name in ("Frank", "fRANK")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 409]


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", "null", ""])
def test_login_with_malformed_json_is_400(client, body):
    response = client.post("/api/v1/auth/login", data=body, content_type="application/json")
    assert response.status_code == 400
    assert error_code(response) == "bad_request"


def test_login_without_json_content_type_is_415(client):
    response = client.post("/api/v1/auth/login", data="username=a&password=b")
    assert response.status_code == 415


def test_login_returns_a_new_token(client):
    user, _ = register(client, "grace")
    response = client.post("/api/v1/auth/login", json={"username": "GRACE", "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["user"]["id"] == user["id"]
    assert client.get("/api/v1/me", headers=bearer(body["token"])).status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(client):
    register(client, "heidi")
    wrong = client.post("/api/v1/auth/login", json={"username": "heidi", "password": "nope-nope"})
    unknown = client.post("/api/v1/auth/login", json={"username": "ivan", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
    assert error_code(wrong) == "invalid_credentials"


def test_login_with_non_string_fields_is_422(client):
    response = client.post("/api/v1/auth/login", json={"username": ["x"], "password": {}})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["details"]["fields"]) == {"username", "password"}


def test_logout_revokes_the_token_at_once(client):
    _, token = register(client, "judy")
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 401
    assert error_code(response) == "invalid_token"


def test_logout_keeps_other_sessions(client):
    _, first = register(client, "kim")
    second = client.post("/api/v1/auth/login",
                         json={"username": "kim", "password": PASSWORD}).get_json()["token"]
    client.post("/api/v1/auth/logout", headers=bearer(first))
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200


def test_expired_token_is_401_token_expired(client, db):
    _, token = register(client, "leo")
    db.tokens.update_many({}, {"$set": {"expires_at": utcnow() - timedelta(seconds=1)}})
    response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 401
    assert error_code(response) == "token_expired"


@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer not-a-real-token"])
def test_missing_or_unknown_token_is_401(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert error_code(response) in {"auth_required", "invalid_token"}


def test_repeated_failures_for_one_account_get_429_with_retry_after(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    register(client, "mallory")
    for _ in range(3):
        response = client.post("/api/v1/auth/login",
                               json={"username": "mallory", "password": "wrong-guess"})
        assert response.status_code == 401
    # Even the right password is refused until the window ends, so guessing cannot go on.
    blocked = client.post("/api/v1/auth/login", json={"username": "Mallory", "password": PASSWORD})
    assert blocked.status_code == 429
    assert error_code(blocked) == "too_many_attempts"
    assert 1 <= int(blocked.headers["Retry-After"]) <= app.config["LOGIN_FAILURE_WINDOW_SECONDS"]


def test_repeated_failures_from_one_address_get_429(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    for number in range(4):
        client.post("/api/v1/auth/login", json={"username": f"ghost{number}", "password": "x" * 9})
    response = client.post("/api/v1/auth/login", json={"username": "other", "password": "x" * 9})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    # Another address is not affected.
    elsewhere = client.post("/api/v1/auth/login", json={"username": "other", "password": "x" * 9},
                            environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert elsewhere.status_code == 401


def test_successful_login_clears_the_account_failures(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    register(client, "nina")
    for _ in range(2):
        client.post("/api/v1/auth/login", json={"username": "nina", "password": "wrong-guess"})
    assert client.post("/api/v1/auth/login",
                       json={"username": "nina", "password": PASSWORD}).status_code == 200
    for _ in range(2):
        client.post("/api/v1/auth/login", json={"username": "nina", "password": "wrong-guess"})
    assert client.post("/api/v1/auth/login",
                       json={"username": "nina", "password": PASSWORD}).status_code == 200


def test_login_over_the_real_server(live_server, db):
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{live_server.url}/api/v1/auth/register", method="POST",
        data=json.dumps({"username": "olga", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
        assert json.load(response)["user"]["username"] == "olga"
