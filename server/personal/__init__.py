"""A user's own music: favorites, playlists, listening history, and track annotations."""
