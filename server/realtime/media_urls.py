"""Absolute media URLs for receivers, which may not share the phone's idea of the host."""


def audio_url(track_id, base_url):
    """The track's absolute media URL on the host the client used."""
    return f"{base_url.rstrip('/')}/media/tracks/{track_id}/audio"
