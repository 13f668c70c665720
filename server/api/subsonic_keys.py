"""/api/v1/me/subsonic-keys: the caller's API keys for Subsonic apps (create, list, revoke)."""

from flask import Blueprint

from server.auth import current_user, login_required
from server.requests_util import json_body
from server.subsonic import keys

bp = Blueprint("subsonic_keys", __name__)


@bp.get("/me/subsonic-keys")
@login_required
def list_keys():
    """The caller's keys, newest first (the keys themselves are never shown again)."""
    return {"items": [keys.present(record) for record in keys.list_keys(current_user()["_id"])]}


@bp.post("/me/subsonic-keys")
@login_required
def create_key():
    """A new key for one app; the key is in this answer only."""
    record, raw = keys.create_key(current_user()["_id"], json_body().get("name"))
    return {**keys.present(record), "key": raw}, 201


@bp.delete("/me/subsonic-keys/<key_id>")
@login_required
def revoke_key(key_id):
    """Revoke a key: apps using it get error 44 from then on."""
    keys.revoke_key(current_user()["_id"], key_id)
    return "", 204
