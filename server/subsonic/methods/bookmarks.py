"""Bookmarks (getBookmarks, createBookmark, deleteBookmark) and the saved play queue
(getPlayQueue, savePlayQueue): per-user documents of server.subsonic.user_state."""

from flask import g

from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.subsonic import ids, shapes, user_state
from server.subsonic.errors import MISSING_PARAMETER, SubsonicError
from server.subsonic.methods.browsing import track_of, viewer
from server.subsonic.registry import method

MAX_BOOKMARKS = 500
MAX_QUEUE = 1000
MAX_POSITION_MS = 7 * 24 * 3600 * 1000


def user_id():
    return g.subsonic_user["_id"]


def songs_by_hex(hex_ids):
    """{hex id: song} for the ids that are still tracks of the library."""
    docs = library_tracks.find_tracks_by_ids([ids.object_id_of(ids.track_id(value), ids.TRACK)
                                              for value in hex_ids])
    fans = viewer()
    return {str(key): shapes.song(doc, fans) for key, doc in docs.items()}


@method("getBookmarks")
def get_bookmarks(params):
    items = user_state.load("bookmarks", user_id()).get("items", [])
    songs = songs_by_hex([item["t"] for item in items])
    return {"bookmarks": {"bookmark": [
        {"position": item["position"], "username": g.subsonic_user["username"],
         "comment": item.get("comment") or "", "created": shapes.iso(item["created"]),
         "changed": shapes.iso(item["changed"]), "entry": songs[item["t"]]}
        for item in items if item["t"] in songs]}}


@method("createBookmark")
def create_bookmark(params):
    """Remember a position (milliseconds) in a song; a newer one replaces it."""
    key = str(track_of(params)["_id"])
    position = params.required_int("position", low=0, high=MAX_POSITION_MS)
    comment = (params.get("comment") or "")[:200]

    def change(state):
        items = state.get("items", [])
        old = next((item for item in items if item["t"] == key), None)
        now = utcnow()
        kept = [item for item in items if item["t"] != key][:MAX_BOOKMARKS - 1]
        return {"items": [{"t": key, "position": position, "comment": comment,
                           "created": old["created"] if old else now, "changed": now}, *kept]}

    user_state.edit("bookmarks", user_id(), change)
    return {}


@method("deleteBookmark")
def delete_bookmark(params):
    key = str(ids.object_id_of(params.required("id"), ids.TRACK))
    user_state.edit("bookmarks", user_id(), lambda state: {
        "items": [item for item in state.get("items", []) if item["t"] != key]})
    return {}


@method("getPlayQueue")
def get_play_queue(params):
    """The queue a client saved (empty when none was)."""
    state = user_state.load("play_queue", user_id())
    songs = songs_by_hex(state.get("ids", []))
    queue = {"username": g.subsonic_user["username"],
             "changed": shapes.iso(state.get("changed") or utcnow()),
             "changedBy": state.get("changed_by", ""),
             "entry": [songs[key] for key in state.get("ids", []) if key in songs]}
    if state.get("current") in songs:
        queue.update(current=ids.track_id(state["current"]), position=state.get("position", 0))
    return {"playQueue": queue}


@method("savePlayQueue")
def save_play_queue(params):
    """Save the queue (id repeated), its current song and the position in it (ms)."""
    track_ids = [str(ids.object_id_of(value, ids.TRACK)) for value in params.list("id")]
    if len(track_ids) > MAX_QUEUE:
        raise SubsonicError(MISSING_PARAMETER, f"A queue holds at most {MAX_QUEUE} songs")
    current = params.get("current")
    current = str(ids.object_id_of(current, ids.TRACK)) if current else None
    state = {"ids": track_ids, "current": current if current in track_ids else None,
             "position": params.int("position", 0, low=0, high=MAX_POSITION_MS),
             "changed": utcnow(), "changed_by": (params.get("c") or "")[:60]}
    user_state.edit("play_queue", user_id(), lambda old: state)
    return {}
