"""scrobble, star/unstar, setRating, getStarred/getStarred2, getNowPlaying.

Starred songs are the user's favorites (/api/v1/me/favorites) and scrobbles are history
reports (/api/v1/me/history), so the app and every Subsonic client show the same marks.
"""

from flask import g

from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal import favorites, history
from server.subsonic import ids, shapes, user_state
from server.subsonic.errors import MISSING_PARAMETER, NOT_FOUND, SubsonicError, missing
from server.subsonic.methods import albums as albums_methods
from server.subsonic.methods.browsing import track_by_id, track_of, viewer
from server.subsonic.registry import method

NOW_PLAYING_SECONDS = 15 * 60
STARRED_SHOWN = 500


def user_id():
    return g.subsonic_user["_id"]


@method("scrobble")
def scrobble(params):
    """submission=false: now playing (starts a listen); true (the default): listened to the end.

    Each listen counts once in play_count, however both kinds of reports arrive.
    """
    doc = track_of(params)
    if params.bool("submission", True):
        history.record_play(user_id(), doc["_id"], 0, False)  # counts unless already started
        history.record_play(user_id(), doc["_id"], float(doc.get("duration") or 0), True)
    else:
        history.record_play(user_id(), doc["_id"], 0, False)
        user_state.edit("now_playing", user_id(),
                        lambda state: {"track_id": str(doc["_id"]), "at": utcnow()})
    return {}


def star_targets(params):
    """(track ObjectIds, album keys, artist keys) named by id/albumId/artistId."""
    songs, albums, artists = [], [], []
    for value in params.list("id") + params.list("albumId") + params.list("artistId"):
        kind = ids.split(value)[0]
        if kind == ids.TRACK:
            songs.append(track_by_id(value)["_id"])
        elif kind == ids.ALBUM:
            albums.append(albums_methods.album_row(value)["id"])
        elif kind == ids.ARTIST:
            artists.append(albums_methods.artist_row(value)["id"])
        else:
            raise SubsonicError(NOT_FOUND, f"{value[:40]!r} is not a song, album or artist")
    if not (songs or albums or artists):
        raise missing("id, albumId or artistId")
    return songs, albums, artists


def mark(params, on):
    songs, albums, artists = star_targets(params)
    for track_id in songs:
        favorites.mark(user_id(), track_id, on)
    if albums or artists:
        def change(state):
            for field, keys in (("albums", albums), ("artists", artists)):
                marks = state.setdefault(field, {})
                for key in keys:
                    if on:
                        marks.setdefault(key, utcnow())
                    else:
                        marks.pop(key, None)
            return state

        user_state.edit("starred", user_id(), change)
    return {}


@method("star")
def star(params):
    return mark(params, True)


@method("unstar")
def unstar(params):
    return mark(params, False)


@method("setRating")
def set_rating(params):
    """Rate a song 1-5; 0 removes the rating."""
    doc = track_of(params)
    rating = params.int("rating", low=0, high=5)
    if rating is None:
        raise SubsonicError(MISSING_PARAMETER, "Required parameter is missing: rating")

    def change(state):
        marks = state.setdefault("tracks", {})
        if rating:
            marks[str(doc["_id"])] = rating
        else:
            marks.pop(str(doc["_id"]), None)
        return state

    user_state.edit("ratings", user_id(), change)
    return {}


def starred_songs():
    """The favorites, newest first, as songs."""
    track_ids, _ = favorites.list_favorites(user_id(), 1, STARRED_SHOWN)
    docs = library_tracks.find_tracks_by_ids(track_ids)
    fans = viewer()
    return [shapes.song(docs[tid], fans) for tid in track_ids if tid in docs]


def starred(params):
    marks = user_state.load("starred", user_id())
    return {"artist": albums_methods.starred_artists(marks.get("artists", {})),
            "album": albums_methods.starred_albums(marks.get("albums", {})),
            "song": starred_songs()}


@method("getStarred")
def get_starred(params):
    return {"starred": starred(params)}


@method("getStarred2")
def get_starred2(params):
    return {"starred2": starred(params)}


@method("getNowPlaying")
def get_now_playing(params):
    """What the caller played last in the past minutes (only their own: state is private)."""
    state = user_state.load("now_playing", user_id())
    if not state:
        return {"nowPlaying": {"entry": []}}
    minutes = (utcnow() - state["at"]).total_seconds() / 60
    if minutes * 60 > NOW_PLAYING_SECONDS:
        return {"nowPlaying": {"entry": []}}
    doc = track_by_id(ids.track_id(state["track_id"]))
    return {"nowPlaying": {"entry": [{**shapes.song(doc, viewer()),
                                      "username": g.subsonic_user["username"],
                                      "minutesAgo": int(minutes), "playerId": 1}]}}
