"""Data for the fuzzing run: a user, an administrator and something of every resource."""

from server.accounts import tokens, users


def seed_library(app):
    """Create the identities (and their data) the fuzzer acts as; returns raw tokens by role."""
    with app.app_context():
        user = users.create_user("fuzz-user", "fuzz-user-password")
        admin = users.create_user("fuzz-admin", "fuzz-admin-password", is_admin=True)
        return {"anonymous": None, "user": tokens.issue_token(user["_id"]),
                "admin": tokens.issue_token(admin["_id"])}
