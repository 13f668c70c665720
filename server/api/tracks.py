"""/api/v1/tracks and /api/v1/categories: browse, search, upload, edit and delete tracks."""

from flask import Blueprint, request, url_for

from server.auth import admin_required, current_user
from server.errors import ApiError, ValidationError, not_found
from server.households.access import allowed_categories
from server.library import fields, ingest, tracks, uploads
from server.personal.annotate import annotate_tracks
from server.personal.cleanup import forget_track
from server.requests_util import json_body, page_of, paging

bp = Blueprint("tracks", __name__)
MAX_QUERY_LENGTH = 200


def text_arg(name, limit):
    value = request.args.get(name, "").strip()
    if len(value) > limit:
        raise ValidationError({name: f"must be at most {limit} characters"})
    return value or None


def present(docs):
    """Track JSON for the documents, with is_favorite and resume_position when signed in."""
    items = [tracks.present_track(doc) for doc in docs]
    user = current_user(optional=True)
    if user is not None:
        annotate_tracks(user["_id"], items)
    return items


def sort_arg():
    """The requested order; None lets a search rank best matches first (else by title)."""
    sort = request.args.get("sort") or None
    if sort is not None and sort not in tracks.SORTS:
        raise ValidationError({"sort": f"must be one of {', '.join(tracks.SORTS)}"})
    return sort


def childs_categories():
    """The categories the signed-in child may hear (None: anyone else, or no limit set)."""
    user = current_user(optional=True)
    return None if user is None else allowed_categories(user)


def category_arg():
    """The category asked for; a child limited to some must ask for one of theirs (403)."""
    category = text_arg("category", 60)
    allowed = childs_categories()
    if allowed is not None and category not in allowed:
        raise ApiError(403, "not_allowed", "Choose one of the categories allowed to you",
                       {"allowed_categories": allowed})
    return category


@bp.get("/tracks")
def list_tracks():
    """A page of tracks, optionally in one category and matching the search words in q."""
    page, per_page = paging()
    docs, total = tracks.list_tracks(q=text_arg("q", MAX_QUERY_LENGTH),
                                     category=category_arg(), sort=sort_arg(),
                                     page=page, per_page=per_page)
    return page_of(present(docs), total, page, per_page)


@bp.get("/tracks/<oid:track_id>")
def get_track(track_id):
    """One track."""
    return present([tracks.get_track_or_404(track_id)])[0]


@bp.get("/categories")
def list_categories():
    """Every category with its number of tracks (a limited child's only)."""
    allowed = childs_categories()
    items = tracks.categories()
    return {"items": items if allowed is None else
            [item for item in items if item["name"] in allowed]}


@bp.post("/tracks")
@admin_required
def upload_track():
    """Upload an audio file (and optionally a cover) as a new track."""
    track = uploads.create_from_request()
    location = url_for("tracks.get_track", track_id=track["_id"])
    return tracks.present_track(track), 201, {"Location": location}


@bp.patch("/tracks/<oid:track_id>")
@admin_required
def update_track(track_id):
    """Change a track's title, artist, album, category or tags."""
    changes = fields.clean_fields(json_body())
    track = tracks.update_track(track_id, changes)
    if track is None:
        raise not_found("track")
    return tracks.present_track(track)


@bp.delete("/tracks/<oid:track_id>")
@admin_required
def delete_track(track_id):
    """Delete a track (its file too, unless another track has the same audio)."""
    if ingest.remove_track(track_id) is None:
        raise not_found("track")
    forget_track(track_id)
    return "", 204
