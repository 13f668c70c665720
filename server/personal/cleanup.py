"""Forgetting a track that the library deleted, everywhere a user kept it."""

from server.personal import favorites, history, playlists


def forget_track(track_id):
    """Drop the track from every favorite list, history and playlist (with sync events)."""
    for user_id in favorites.users_of(track_id):
        favorites.remove_favorite(user_id, track_id)
    history.collection().delete_many({"track_id": track_id})
    for doc in playlists.playlists_with(track_id):
        playlists.remove_track(doc["owner_id"], doc["_id"], track_id)
