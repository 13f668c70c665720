"""getSong, getRandomSongs (albums, artists and genres: server.subsonic.methods.albums)."""

from flask import g

from server.subsonic import ids, library_reads, shapes
from server.subsonic.errors import not_found
from server.subsonic.registry import method


def viewer():
    return shapes.Viewer(g.subsonic_user)


def track_by_id(value):
    """The track a tr- id names; 70 when there is none."""
    doc = library_reads.track_or_none(ids.object_id_of(value, ids.TRACK))
    if doc is None:
        raise not_found("Song")
    return doc


def track_of(params, name="id"):
    return track_by_id(params.required(name))


@method("getSong")
def get_song(params):
    return {"song": shapes.song(track_of(params), viewer())}


@method("getRandomSongs")
def get_random_songs(params):
    """Random songs, optionally of one genre (Tapcast's category)."""
    docs = library_reads.random_tracks(params.count("size", 10), params.get("genre"),
                                       params.int("fromYear", low=0, high=9999),
                                       params.int("toYear", low=0, high=9999))
    fans = viewer()
    return {"randomSongs": {"song": [shapes.song(doc, fans) for doc in docs]}}
