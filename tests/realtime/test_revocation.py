"""A revoked or expired token's sockets close with 4401; sockets per token are capped."""

from tests.realtime.conftest import call

PASSWORD = "secret-password-1"


def test_logout_closes_the_tokens_sockets(make_user, connect, rt_server):
    _, token = make_user("ana")
    peer = connect(f"token={token}")
    peer.expect("hello")
    assert call(rt_server, "POST", "/api/v1/auth/logout", token=token)[0] == 204
    assert peer.wait_closed() == 4401


def test_password_change_closes_the_other_sessions_sockets_only(make_user, connect, rt_server):
    user, other = make_user("ana")
    status, body = call(rt_server, "POST", "/api/v1/auth/login",
                        {"username": "ana", "password": PASSWORD})
    assert status == 200
    this = body["token"]
    other_peer, this_peer = connect(f"token={other}"), connect(f"token={this}")
    other_peer.expect("hello")
    this_peer.expect("hello")
    status, _ = call(rt_server, "PATCH", "/api/v1/me",
                     {"current_password": PASSWORD, "new_password": "another-password-2"},
                     token=this)
    assert status == 200
    assert other_peer.wait_closed() == 4401
    this_peer.send("ping", msg_id="still")
    assert this_peer.expect("pong")["id"] == "still"


def test_expiring_token_closes_its_socket(app, connect):
    from server.accounts import tokens, users

    with app.app_context():
        user = users.create_user("ana", PASSWORD)
        token = tokens.issue_token(user["_id"], ttl_days=3 / 86400)  # three seconds
    peer = connect(f"token={token}")
    peer.expect("hello")
    assert peer.wait_closed() == 4401
    assert peer.close_reason == "token expired"


def test_sockets_per_token_are_capped(make_user, connect):
    _, token = make_user("ana")
    peers = [connect(f"token={token}") for _ in range(10)]
    for peer in peers:
        peer.expect("hello")
    extra = connect(f"token={token}")
    assert extra.expect("error")["data"]["code"] == "too_many_sockets"
    assert extra.wait_closed() == 4429
