"""GET /media/avatars/<user_id>: a user's avatar image (public, so <img> tags can load it)."""

from flask import Blueprint, send_file

from server.accounts import avatars

bp = Blueprint("avatars", __name__)


@bp.get("/media/avatars/<oid:user_id>")
def show_avatar(user_id):
    """The user's avatar as PNG, with ETag and Last-Modified for caching."""
    return send_file(avatars.avatar_file_of(user_id), mimetype="image/png", conditional=True,
                     max_age=3600)
