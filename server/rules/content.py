"""Allowed content: whether tracks fall inside a receiver's allowed categories, albums and
playlists (None allows everything). Tracks come from the catalogue, playlists by _id."""

from bson import ObjectId

from server.library import tracks as library_tracks
from server.personal import playlists


def allowed_ids(allowed, track_ids):
    """The subset of track_ids (ObjectIds) the allowed content admits."""
    if allowed is None:
        return set(track_ids)
    categories = {name.casefold() for name in allowed["categories"]}
    albums = {name.casefold() for name in allowed["albums"]}
    in_playlists = set()
    for playlist_id in allowed["playlists"]:
        doc = playlists.current(ObjectId(playlist_id))
        if doc is not None:
            in_playlists.update(doc.get("track_ids", []))
    found = library_tracks.find_tracks_by_ids(set(track_ids))
    return {tid for tid, doc in found.items()
            if tid in in_playlists
            or (doc.get("category") or "").casefold() in categories
            or (doc.get("album") or "").casefold() in albums}
