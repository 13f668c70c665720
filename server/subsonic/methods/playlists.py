"""getPlaylists, getPlaylist, createPlaylist, updatePlaylist, deletePlaylist.

The user's own playlists of /api/v1/playlists (someone else's is 70, like a missing one).
"""

from flask import g

from server.library import tracks as library_tracks
from server.personal import playlists
from server.subsonic import ids, shapes
from server.subsonic.errors import NOT_AUTHORIZED, SubsonicError, missing
from server.subsonic.methods.browsing import viewer
from server.subsonic.registry import method

LISTED_MAX = 500


def owner():
    return g.subsonic_user["_id"]


def shape(doc, with_songs):
    docs = library_tracks.find_tracks_by_ids(doc["track_ids"])
    present = [docs[tid] for tid in doc["track_ids"] if tid in docs]
    out = {"id": ids.playlist_id(doc["_id"]), "name": doc["name"], "comment": "",
           "owner": g.subsonic_user["username"], "public": False, "songCount": len(present),
           "duration": int(sum(track.get("duration") or 0 for track in present)),
           "created": shapes.iso(doc["created_at"]), "changed": shapes.iso(doc["updated_at"]),
           "coverArt": next((ids.cover_id(ids.TRACK, track["_id"], track.get("cover_hash"))
                             for track in present if track.get("cover_hash")), None)}
    if with_songs:
        fans = viewer()
        out["entry"] = [shapes.song(track, fans) for track in present]
    return out


def song_ids(values):
    return [ids.object_id_of(value, ids.TRACK) for value in values]


@method("getPlaylists")
def get_playlists(params):
    username = params.get("username")
    if username and username.casefold() != g.subsonic_user["username"].casefold():
        raise SubsonicError(NOT_AUTHORIZED, "Only your own playlists can be listed")
    docs, _ = playlists.list_playlists(owner(), 1, LISTED_MAX)
    return {"playlists": {"playlist": [shape(doc, with_songs=False) for doc in docs]}}


def playlist_of(value):
    return playlists.get_playlist(owner(), ids.object_id_of(value, ids.PLAYLIST))


@method("getPlaylist")
def get_playlist(params):
    return {"playlist": shape(playlist_of(params.required("id")), with_songs=True)}


@method("createPlaylist")
def create_playlist(params):
    """A new playlist (name), or an existing one's songs replaced (playlistId)."""
    tracks = song_ids(params.list("songId"))
    if params.get("playlistId"):
        doc = playlist_of(params.get("playlistId"))
        doc = playlists.replace_tracks(owner(), doc["_id"], tracks)
        if params.get("name"):
            doc = playlists.rename_playlist(owner(), doc["_id"], params.get("name"))
    elif params.get("name"):
        doc = playlists.create_playlist(owner(), params.get("name"), tracks)
    else:
        raise missing("name or playlistId")
    return {"playlist": shape(doc, with_songs=True)}


@method("updatePlaylist")
def update_playlist(params):
    """Rename, add songs (songIdToAdd) and remove songs by position (songIndexToRemove)."""
    doc = playlist_of(params.required("playlistId"))
    if params.get("name"):
        doc = playlists.rename_playlist(owner(), doc["_id"], params.get("name"))
    removed = set(params.ints("songIndexToRemove"))
    added = song_ids(params.list("songIdToAdd"))
    if removed or added:
        kept = [tid for index, tid in enumerate(doc["track_ids"]) if index not in removed]
        playlists.replace_tracks(owner(), doc["_id"], kept + added)
    return {}


@method("deletePlaylist")
def delete_playlist(params):
    playlists.delete_playlist(owner(), playlist_of(params.required("id"))["_id"])
    return {}
