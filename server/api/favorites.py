"""PUT/DELETE /api/v1/me/favorites/<track_id>, GET /api/v1/me/favorites."""

from flask import Blueprint

from server.auth import current_user, login_required
from server.personal import favorites, presenting
from server.requests_util import page_of, paging

bp = Blueprint("favorites", __name__)


@bp.get("/me/favorites")
@login_required
def list_favorites():
    """The caller's favorite tracks, newest first."""
    page, per_page = paging()
    tracks, total = presenting.favorite_tracks(current_user()["_id"], page, per_page)
    return page_of(tracks, total, page, per_page)


@bp.put("/me/favorites/<oid:track_id>")
@login_required
def add_favorite(track_id):
    """Mark a track as a favorite (idempotent)."""
    favorites.add_favorite(current_user()["_id"], track_id)
    return "", 204


@bp.delete("/me/favorites/<oid:track_id>")
@login_required
def remove_favorite(track_id):
    """Unmark a track (idempotent)."""
    favorites.remove_favorite(current_user()["_id"], track_id)
    return "", 204
