"""Adding the caller's is_favorite and resume_position to Track JSON dicts."""

from bson import ObjectId

from server.personal import favorites, history


def annotate_tracks(user_id, track_dicts):
    """Set is_favorite and resume_position on each track dict (from the user's journals).

    resume_position is null when the track was finished or never played.
    Returns the same list, changed in place.
    """
    ids = [ObjectId(track["id"]) for track in track_dicts]
    liked = favorites.favorite_ids(user_id, ids) if ids else set()
    positions = history.resume_positions(user_id, ids) if ids else {}
    for track, track_id in zip(track_dicts, ids, strict=True):
        track["is_favorite"] = track_id in liked
        track["resume_position"] = positions.get(track_id)
    return track_dicts
