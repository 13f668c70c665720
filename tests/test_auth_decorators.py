"""@login_required / @admin_required keep the view's name and refuse the right callers."""

from flask import url_for

from server.auth import admin_required, current_user, login_required
from tests.accounts_helpers import bearer, register


def test_decorated_views_keep_their_names(app):
    assert app.view_functions["me.show_me"].__name__ == "show_me"
    assert app.view_functions["me.show_me"].__doc__ == "The signed-in user."
    with app.test_request_context():
        assert url_for("playlists.show_playlist", playlist_id="0" * 24) == (
            "/api/v1/playlists/" + "0" * 24)


def test_admin_required_refuses_users_and_admits_admins(app, db):
    @app.get("/api/v1/probe-admin")
    @admin_required
    def probe_admin():
        return {"user": current_user()["username"]}

    @app.get("/api/v1/probe-user")
    @login_required
    def probe_user():
        return {"user": current_user()["username"]}

    client = app.test_client()
    _, token = register(client, "plain")
    assert client.get("/api/v1/probe-user", headers=bearer(token)).status_code == 200
    refused = client.get("/api/v1/probe-admin", headers=bearer(token))
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "admin_required"
    assert client.get("/api/v1/probe-admin").status_code == 401
    db.users.update_one({"username": "plain"}, {"$set": {"is_admin": True}})
    admitted = client.get("/api/v1/probe-admin", headers=bearer(token))
    assert admitted.get_json() == {"user": "plain"}
