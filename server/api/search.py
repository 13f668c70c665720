"""/api/v1/search: one search over the library, grouped into tracks, albums and artists."""

from flask import Blueprint

from server.api.tracks import MAX_QUERY_LENGTH, present, text_arg
from server.errors import ValidationError
from server.library import albums, tracks
from server.requests_util import int_arg

bp = Blueprint("search", __name__)
MAX_PER_KIND = 50


@bp.get("/search")
def search_library():
    """Tracks, albums and artists matching q (at most `limit` of each, best first)."""
    q = text_arg("q", MAX_QUERY_LENGTH)
    if q is None:
        raise ValidationError({"q": "must not be empty"})
    limit = int_arg("limit", 10, 1, MAX_PER_KIND)
    docs, total = tracks.list_tracks(q=q, page=1, per_page=limit)
    found_albums, found_artists = albums.search(q, limit)
    return {"tracks": {"items": present(docs), "total": total},
            "albums": found_albums, "artists": found_artists}
