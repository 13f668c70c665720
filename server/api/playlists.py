"""/api/v1/playlists: the caller's playlists and their household's shared ones; someone
else's (not shared with the caller's household) is a 404, never a 403."""

from flask import Blueprint

from server.auth import current_user, login_required
from server.errors import ValidationError
from server.personal import playlists, shared_playlists
from server.personal.parsing import object_id_list
from server.requests_util import json_body, page_of, paging

bp = Blueprint("playlists", __name__)
MAX_IDS = playlists.MAX_TRACKS_PER_REQUEST


def owner_id():
    return current_user()["_id"]


@bp.get("/playlists")
@login_required
def list_playlists():
    """The caller's playlists, newest first, then the household's shared ones (no tracks)."""
    page, per_page = paging()
    docs, total = shared_playlists.list_for(current_user(), page, per_page)
    return page_of([playlists.present(doc) for doc in docs], total, page, per_page)


@bp.post("/playlists")
@login_required
def create_playlist():
    """Create a playlist, optionally with tracks."""
    body = json_body()
    track_ids = body.get("track_ids")
    track_ids = [] if track_ids in (None, []) else object_id_list(track_ids, "track_ids",
                                                                  MAX_IDS)
    doc = playlists.create_playlist(owner_id(), body.get("name"), track_ids)
    return playlists.present(doc, owner_id()), 201


@bp.get("/playlists/<oid:playlist_id>")
@login_required
def show_playlist(playlist_id):
    """One playlist (the caller's, or shared in their household) with its tracks in order."""
    return playlists.present(shared_playlists.readable(current_user(), playlist_id), owner_id())


@bp.patch("/playlists/<oid:playlist_id>")
@login_required
def update_playlist(playlist_id):
    """Rename a playlist and/or share it with the household (the owner only)."""
    body = json_body()
    if "shared" in body and not isinstance(body["shared"], bool):
        raise ValidationError({"shared": "must be true or false"})
    if "name" not in body and "shared" not in body:
        raise ValidationError({"name": "send a new name and/or shared"})
    doc = None
    if "name" in body:
        doc = playlists.rename_playlist(owner_id(), playlist_id, body["name"])
    if "shared" in body:
        doc = shared_playlists.set_shared(current_user(), playlist_id, body["shared"])
    return playlists.present(doc)


@bp.delete("/playlists/<oid:playlist_id>")
@login_required
def delete_playlist(playlist_id):
    """Delete a playlist."""
    playlists.delete_playlist(owner_id(), playlist_id)
    return "", 204


@bp.post("/playlists/<oid:playlist_id>/tracks")
@login_required
def add_tracks(playlist_id):
    """Append tracks (those already in the playlist are left where they are)."""
    track_ids = object_id_list(json_body().get("track_ids"), "track_ids", MAX_IDS)
    return playlists.present(playlists.add_tracks(owner_id(), playlist_id, track_ids))


@bp.delete("/playlists/<oid:playlist_id>/tracks/<oid:track_id>")
@login_required
def remove_track(playlist_id, track_id):
    """Take a track out of the playlist (idempotent)."""
    return playlists.present(playlists.remove_track(owner_id(), playlist_id, track_id))


@bp.put("/playlists/<oid:playlist_id>/order")
@login_required
def reorder(playlist_id):
    """Replace the order; 409 when the playlist changed since `version`."""
    body = json_body()
    track_ids, version = playlists.parse_order(body)
    return playlists.present(playlists.reorder(owner_id(), playlist_id, track_ids, version))
