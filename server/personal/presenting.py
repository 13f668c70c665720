"""Personal lists as JSON: tracks looked up in one query, annotated for the caller, in order.

Tracks deleted from the library since are left out of the items (the totals count rows).
"""

from server.errors import not_found
from server.library import tracks as library_tracks
from server.personal import favorites, history
from server.personal.annotate import annotate_tracks


def present_tracks(user_id, track_ids):
    """Track JSON for each existing id, in order, with is_favorite and resume_position."""
    docs = library_tracks.find_tracks_by_ids(track_ids)
    tracks = [library_tracks.present_track(docs[tid]) for tid in track_ids if tid in docs]
    return annotate_tracks(user_id, tracks)


def favorite_tracks(user_id, page, per_page):
    """(Track JSON of the user's favorites newest first, total)."""
    track_ids, total = favorites.list_favorites(user_id, page, per_page)
    return present_tracks(user_id, track_ids), total


def history_entries(user_id, rows):
    """History JSON {track, position, completed, played_at} for each row whose track exists."""
    tracks = {track["id"]: track for track in
              present_tracks(user_id, [row["track_id"] for row in rows])}
    return [{"track": tracks[str(row["track_id"])], "position": row["position"],
             "completed": row["completed"], "played_at": row["played_at"]}
            for row in rows if str(row["track_id"]) in tracks]


def recent_history(user_id, page, per_page):
    """(History JSON most recent first, total)."""
    rows, total = history.list_history(user_id, page, per_page)
    return history_entries(user_id, rows), total


def report_play(user_id, track_id, position, completed):
    """Record a player's report and return the resulting History JSON."""
    row = history.record_play(user_id, track_id, position, completed)
    entries = history_entries(user_id, [row])
    if not entries:  # the track was deleted a moment ago
        raise not_found("track")
    return entries[0]
