"""The accounts commands: create-admin validates like sign-up; sweep removes expired state."""

from datetime import timedelta

from server.jsonutil import utcnow


def test_create_admin_prints_a_working_token(runner, client):
    result = runner.invoke(args=["create-admin", "root", "--password", "a sturdy passphrase"])
    assert result.exit_code == 0, result.output
    token = result.output.rsplit("token: ", 1)[1].strip()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert me["is_admin"] is True


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(args=["create-admin", "root", "--password", "password"])
    assert result.exit_code != 0
    assert "password" in result.output.lower()


def test_sweep_removes_only_expired_state(runner, db):
    past, future = utcnow() - timedelta(seconds=1), utcnow() + timedelta(hours=1)
    db.tokens.insert_many([{"_id": "old", "expires_at": past},
                           {"_id": "new", "expires_at": future}])
    db.rate_slots.insert_one({"_id": "login-addr:x|900|1:1", "expires_at": past})
    db.locks.insert_one({"_id": "playlist:x", "owner": "gone", "expires_at": past})
    result = runner.invoke(args=["sweep"])
    assert result.exit_code == 0, result.output
    assert ("1 tokens, 1 rate limit events, 1 locks, 0 household invitations removed"
            in result.output)
    assert [doc["_id"] for doc in db.tokens.find()] == ["new"]
