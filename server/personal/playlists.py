"""Playlists: private to their owner, each version an inserted document, reached by _id.

Version v of a playlist is the document `<playlist id>:<v>` in `playlist_versions` (numbers
taken by unique insert, server.slots): an edit reads the current version and inserts the
next, under the playlist's lock, so nothing is updated in place and a reorder is a
compare-and-set on `version` for free. A user's playlists are listed, newest first, in one
small per-user document (`playlist_lists`) changed under that user's lock.
"""

import functools
from collections import Counter

import bson
from bson import ObjectId

from server import locks, slots, sync
from server.db import get_db
from server.errors import ApiError, ValidationError, not_found
from server.id_lists import IdList
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal.parsing import object_id_list
from server.personal.presenting import present_tracks

NAME_MAX = 100
MAX_TRACKS_PER_REQUEST = 500
MAX_PLAYLIST_LENGTH = 10000


_versions = {}  # playlist id -> highest version seen by this process (a search hint)
DOCS_CACHED = 5_000
_docs = {}  # version _id -> the version as stored


def versions():
    return get_db().playlist_versions


def ensure_indexes(db):
    # Cleanup only: a deleted track is looked for in every playlist (never in a request).
    db.playlist_versions.create_index([("track_ids", 1)], name="playlist_version_tracks")


def current(playlist_id):
    """The playlist's latest version as {"_id": playlist id, ...}, or None (none, or deleted)."""
    version = slots.highest(versions(), str(playlist_id), _versions.get(playlist_id, 0))
    if not version:
        return None
    _versions[playlist_id] = version
    key = slots.slot_id(str(playlist_id), version)
    doc = _docs.get(key) or remember(versions().find_one({"_id": key}))
    if doc is None or doc.get("deleted"):
        return None
    # A copy whose lists the caller may change without touching the kept version.
    return {**{name: list(value) if isinstance(value, list) else value
               for name, value in doc.items()}, "_id": playlist_id}


def remember(doc):
    """Keep a version (they never change): on FerretDB v1 a find by _id scans up to the
    document, so reading back the newest versions costs the most."""
    if doc is not None:
        if len(_docs) >= DOCS_CACHED:
            _docs.clear()
        _docs[doc["_id"]] = doc
    return doc


def store(doc):
    """Insert doc as its version; False when that version exists already (a lost race)."""
    fields = {key: value for key, value in doc.items() if key not in ("_id", "version")}
    stored = slots.try_insert(versions(), str(doc["_id"]), doc["version"],
                              {**fields, "playlist_id": doc["_id"]}, number_field="version")
    if stored:
        slots.advance(versions(), str(doc["_id"]), doc["version"])
        inserted = {"_id": slots.slot_id(str(doc["_id"]), doc["version"]), **fields,
                    "playlist_id": doc["_id"], "version": doc["version"]}
        remember(bson.decode(bson.encode(inserted), versions().codec_options))  # as read back
        _versions[doc["_id"]] = doc["version"]
    else:
        # Taken: by a racing edit, or by one cut off before it raised the head. Raising it
        # here repairs the latter, so the next read sees that version.
        slots.advance(versions(), str(doc["_id"]), doc["version"])
    return stored


LISTS = IdList("playlist_lists", newest_first=True)


def owned_ids(owner_id):
    return LISTS.ids(owner_id)


def change_list(owner_id, playlist_id, add):
    LISTS.change(owner_id, playlist_id, add)


def check_name(name):
    """The stripped name; 422 when it is empty, too long or not a string."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError({"name": "must be a non-empty string"})
    if len(name.strip()) > NAME_MAX:
        raise ValidationError({"name": f"must be at most {NAME_MAX} characters"})
    return name.strip()


def get_playlist(owner_id, playlist_id):
    """The owner's playlist; 404 for a missing one and for someone else's alike."""
    doc = current(playlist_id)
    if doc is None or doc["owner_id"] != owner_id:
        raise not_found("playlist")
    return doc


def require_tracks(track_ids):
    """404 naming the ids that are not tracks of the library."""
    found = library_tracks.find_tracks_by_ids(track_ids)
    missing = [str(tid) for tid in dict.fromkeys(track_ids) if tid not in found]
    if missing:
        raise ApiError(404, "track_not_found", "Some tracks do not exist",
                       {"track_ids": missing})


def create_playlist(owner_id, name, track_ids=()):
    """A new playlist, optionally with tracks (duplicates dropped, order kept)."""
    track_ids = list(dict.fromkeys(track_ids))
    require_tracks(track_ids)
    now = utcnow()
    doc = {"_id": ObjectId(), "owner_id": owner_id, "name": check_name(name),
           "track_ids": track_ids, "version": 1, "created_at": now, "updated_at": now}
    # Listed first: a crash before the insert leaves an id that readers skip.
    change_list(owner_id, doc["_id"], add=True)
    store(doc)
    announce(doc, "created")
    return doc


def list_playlists(owner_id, page, per_page):
    """(playlists newest first, total), each read by _id."""
    docs = [doc for doc in map(current, owned_ids(owner_id))
            if doc is not None and doc["owner_id"] == owner_id]
    start = (page - 1) * per_page
    return docs[start:start + per_page], len(docs)


def one_at_a_time(edit):
    """Run a playlist edit while holding that playlist's lock."""
    @functools.wraps(edit)
    def locked(owner_id, playlist_id, *args):
        with locks.held(f"playlist:{playlist_id}"):
            return edit(owner_id, playlist_id, *args)

    return locked


def playlists_with(track_id):
    """Every playlist (of any owner) that holds the track now: _id and owner_id (a cleanup scan)."""
    found = {doc["playlist_id"] for doc in versions().find({"track_ids": track_id},
                                                           {"playlist_id": 1})}
    docs = (current(playlist_id) for playlist_id in found)
    return [{"_id": doc["_id"], "owner_id": doc["owner_id"]} for doc in docs
            if doc is not None and track_id in doc["track_ids"]]


def change(doc, fields, action):
    """Insert the next version of the playlist with fields changed, and announce it."""
    new = {**doc, **fields, "version": doc["version"] + 1, "updated_at": utcnow()}
    if not store(new):
        raise conflict(current(doc["_id"]) or doc)
    announce(new, action)
    return new


@one_at_a_time
def rename_playlist(owner_id, playlist_id, name):
    return change(get_playlist(owner_id, playlist_id), {"name": check_name(name)}, "renamed")


@one_at_a_time
def share(owner_id, playlist_id, shared):
    """Mark the owner's playlist shared with their household, or personal again."""
    doc = get_playlist(owner_id, playlist_id)
    if bool(doc.get("shared")) == shared:
        return doc
    return change(doc, {"shared": shared}, "shared" if shared else "unshared")


@one_at_a_time
def delete_playlist(owner_id, playlist_id):
    doc = get_playlist(owner_id, playlist_id)
    store({**doc, "version": doc["version"] + 1, "deleted": True, "track_ids": []})
    change_list(owner_id, playlist_id, add=False)
    sync.publish(owner_id, "playlist.changed",
                 {"playlist_id": str(playlist_id), "action": "deleted", "version": None})


@one_at_a_time
def add_tracks(owner_id, playlist_id, track_ids):
    """Append the tracks not yet in the playlist; concurrent additions are all kept."""
    doc = get_playlist(owner_id, playlist_id)
    require_tracks(track_ids)
    new = set(track_ids) - set(doc["track_ids"])
    if not new:
        return doc  # nothing to add: no write, no new version
    if len(doc["track_ids"]) + len(new) > MAX_PLAYLIST_LENGTH:
        raise ValidationError({"track_ids": f"a playlist holds at most {MAX_PLAYLIST_LENGTH} "
                                            "tracks"})
    added = [track_id for track_id in dict.fromkeys(track_ids) if track_id in new]
    return change(doc, {"track_ids": doc["track_ids"] + added}, "tracks_added")


@one_at_a_time
def remove_track(owner_id, playlist_id, track_id):
    """Take the track out (idempotent)."""
    doc = get_playlist(owner_id, playlist_id)
    if track_id not in doc["track_ids"]:
        return doc
    return change(doc, {"track_ids": [tid for tid in doc["track_ids"] if tid != track_id]},
                  "track_removed")


@one_at_a_time
def replace_tracks(owner_id, playlist_id, track_ids):
    """Set the playlist's tracks to track_ids (duplicates dropped): Subsonic's edits by index."""
    doc = get_playlist(owner_id, playlist_id)
    track_ids = list(dict.fromkeys(track_ids))
    require_tracks(set(track_ids) - set(doc["track_ids"]))  # tracks kept may be gone since
    if len(track_ids) > MAX_PLAYLIST_LENGTH:
        raise ValidationError({"track_ids": f"a playlist holds at most {MAX_PLAYLIST_LENGTH} "
                                            "tracks"})
    if track_ids == doc["track_ids"]:
        return doc
    return change(doc, {"track_ids": track_ids}, "reordered")


def parse_order(body):
    """(track_ids, version) of a reorder request; 422 naming bad fields."""
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError({"version": "must be the playlist's version (an integer)"})
    track_ids = body.get("track_ids")
    if track_ids == []:
        return [], version
    return object_id_list(track_ids, "track_ids", MAX_PLAYLIST_LENGTH), version


@one_at_a_time
def reorder(owner_id, playlist_id, track_ids, version):
    """Replace the order if the playlist is still at `version`; 409 when it changed since."""
    doc = get_playlist(owner_id, playlist_id)
    if doc["version"] != version:
        raise conflict(doc)
    if Counter(track_ids) != Counter(doc["track_ids"]):
        raise ValidationError({"track_ids": "must list exactly the playlist's tracks"})
    return change(doc, {"track_ids": track_ids}, "reordered")


def conflict(current):
    return ApiError(409, "version_conflict",
                    "The playlist changed meanwhile; reload it and try again",
                    {"current_version": current["version"]})


def announce(doc, action):
    sync.publish(doc["owner_id"], "playlist.changed",
                 {"playlist_id": str(doc["_id"]), "action": action, "version": doc["version"]})


def present(doc, user_id=None):
    """Playlist JSON; with the Track list when user_id (the caller) is given."""
    out = {"id": str(doc["_id"]), "name": doc["name"],
           "track_ids": [str(tid) for tid in doc["track_ids"]],
           "track_count": len(doc["track_ids"]), "version": doc["version"],
           "created_at": doc["created_at"], "updated_at": doc["updated_at"],
           "shared": bool(doc.get("shared")), "owner_id": str(doc["owner_id"])}
    if user_id is not None:
        out["tracks"] = present_tracks(user_id, doc["track_ids"])
    return out
