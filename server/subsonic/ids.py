"""Opaque Subsonic ids with a type prefix: tr- (track), al- (album), ar- (artist), pl- (playlist).

Tracks and playlists carry their ObjectId; albums and artists their catalogue key. A cover
art id also carries a piece of the cover's content hash, so it changes when the art does.
"""

from bson import ObjectId
from bson.errors import InvalidId

from server.subsonic.errors import not_found

TRACK, ALBUM, ARTIST, PLAYLIST = "tr", "al", "ar", "pl"
KINDS = {TRACK: "Song", ALBUM: "Album", ARTIST: "Artist", PLAYLIST: "Playlist"}


def track_id(object_id):
    return f"{TRACK}-{object_id}"


def playlist_id(object_id):
    return f"{PLAYLIST}-{object_id}"


def split(value):
    """(kind, rest) of an id; (None, value) when it has no known prefix."""
    kind, sep, rest = (value or "").partition("-")
    if not sep or kind not in KINDS:
        return None, value
    return kind, rest


def object_id_of(value, kind):
    """The ObjectId inside a tr-/pl- id; 70 when it is not one of that kind."""
    found, rest = split(value)
    if found != kind:
        raise not_found(KINDS[kind])
    try:
        if len(rest) != 24:
            raise InvalidId(rest)
        return ObjectId(rest)
    except InvalidId:
        raise not_found(KINDS[kind]) from None


def cover_id(kind, key, cover_hash):
    """The coverArt id of an item whose cover has this content hash (None: no cover)."""
    if not cover_hash:
        return None
    return f"{kind}-{key}-{cover_hash[:10]}"


def cover_owner(value):
    """(kind, key) of a coverArt id (the hash part ignored); 70 when malformed."""
    kind, rest = split(value)
    if kind is None:
        raise not_found("Cover art")
    return kind, rest.split("-", 1)[0]

