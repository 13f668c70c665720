"""The cover URLs the API hands out, versioned by the cover's content (README: "Cover URLs").

A new cover is a new URL, so a client may keep what a versioned URL gave it for good; the
media view checks the version against the track's cover before it says so (media.py).
"""

VERSION_LENGTH = 12  # of the SHA-256 hex digest: enough to tell one track's covers apart


def version(cover_hash):
    """The `v` of a cover's URLs: the start of its content hash (None for the default cover)."""
    return cover_hash[:VERSION_LENGTH] if cover_hash else None


def cover_urls(track_id, cover_hash):
    """{cover_url, thumb_url} of a track's cover: versioned when it has one of its own."""
    base = f"/media/tracks/{track_id}/cover"
    tag = version(cover_hash)
    suffix = f"&v={tag}" if tag else ""
    return {"cover_url": f"{base}?size=full{suffix}", "thumb_url": f"{base}?size=thumb{suffix}"}


def is_current(track, given):
    """Whether a requested `v` names the cover the track has now."""
    return given is not None and given == version(track.get("cover_hash"))
