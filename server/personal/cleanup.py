"""Forgetting a track that the library deleted, everywhere a user kept it.

This is the one place that looks across users: it scans the personal journals and the
playlist versions for the track (the track's deletion runs it, never a user's request),
then writes each user's change by _id as usual. Lists skip deleted tracks meanwhile.
"""

from server.personal import favorites, history, playlists


def forget_track(track_id):
    """Drop the track from every favorite list, history and playlist (with sync events)."""
    for user_id in favorites.users_of(track_id):
        favorites.remove_favorite(user_id, track_id)
    for user_id in history.users_of(track_id):
        history.forget(user_id, track_id)
    for doc in playlists.playlists_with(track_id):
        playlists.remove_track(doc["owner_id"], doc["_id"], track_id)
