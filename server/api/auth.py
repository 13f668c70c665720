"""POST /api/v1/auth/register, /login, /logout: accounts and their tokens."""

from flask import Blueprint, g, request

from server.accounts import sessions, tokens
from server.accounts.users import public_user
from server.auth import login_required
from server.realtime import revocation
from server.requests_util import json_body

bp = Blueprint("auth", __name__)


@bp.post("/auth/register")
def register():
    """Create an account and sign it in."""
    body = json_body()
    user, token = sessions.register(body.get("username"), body.get("password"),
                                    body.get("nickname"), request.remote_addr or "unknown")
    return {"user": public_user(user), "token": token}, 201


@bp.post("/auth/login")
def login():
    """Exchange a username and password for a token."""
    body = json_body()
    user, token = sessions.login(body.get("username"), body.get("password"),
                                 request.remote_addr or "unknown")
    return {"user": public_user(user), "token": token}


@bp.post("/auth/logout")
@login_required
def logout():
    """Revoke the token this request carries."""
    tokens.revoke(g.token)
    revocation.token_revoked(g.token)
    return "", 204
