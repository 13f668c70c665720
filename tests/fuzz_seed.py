"""Data for the fuzzing run: a user, an administrator and something of every resource."""

from server.accounts import tokens, users

PASSWORD = "fuzzing is fun 7"


def seed_library(app, audio_dir):
    """Create the identities and their data; returns raw tokens by role."""
    with app.app_context():
        user = users.create_user("fuzz-user", PASSWORD)
        admin = users.create_user("fuzz-admin", PASSWORD, is_admin=True)
        return {"anonymous": None, "user": tokens.issue_token(user["_id"]),
                "admin": tokens.issue_token(admin["_id"])}
