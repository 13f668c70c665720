"""The playlists collection: private to their owner, edited without losing concurrent changes.

Adding and removing are single atomic operators ($addToSet / $pull); a reorder replaces the
whole array only if `version` is unchanged (compare-and-set), because FerretDB has no
positional updates. Every change increments `version`. On FerretDB those updates are not
atomic (server.locks says why), so each change of a playlist also holds the playlist's lock.
"""

import functools
from collections import Counter

from pymongo import ASCENDING, DESCENDING, ReturnDocument

from server import locks, sync
from server.db import get_db
from server.errors import ApiError, ValidationError, not_found
from server.jsonutil import utcnow
from server.library import tracks as library_tracks
from server.personal.parsing import object_id_list
from server.personal.presenting import present_tracks

NAME_MAX = 100
MAX_TRACKS_PER_REQUEST = 500
MAX_PLAYLIST_LENGTH = 10000


def collection():
    return get_db().playlists


def ensure_indexes(db):
    db.playlists.create_index([("owner_id", ASCENDING), ("created_at", DESCENDING),
                               ("_id", DESCENDING)], name="playlist_owner_newest")
    db.playlists.create_index([("track_ids", ASCENDING)], name="playlist_tracks")


def check_name(name):
    """The stripped name; 422 when it is empty, too long or not a string."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError({"name": "must be a non-empty string"})
    if len(name.strip()) > NAME_MAX:
        raise ValidationError({"name": f"must be at most {NAME_MAX} characters"})
    return name.strip()


def get_playlist(owner_id, playlist_id):
    """The owner's playlist; 404 for a missing one and for someone else's alike."""
    doc = collection().find_one({"_id": playlist_id, "owner_id": owner_id})
    if doc is None:
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
    doc = {"owner_id": owner_id, "name": check_name(name), "track_ids": track_ids,
           "version": 1, "created_at": now, "updated_at": now}
    doc["_id"] = collection().insert_one(doc).inserted_id
    announce(doc, "created")
    return doc


def list_playlists(owner_id, page, per_page):
    query = {"owner_id": owner_id}
    docs = list(collection().find(query).sort([("created_at", DESCENDING), ("_id", DESCENDING)])
                .skip((page - 1) * per_page).limit(per_page))
    return docs, collection().count_documents(query)


def one_at_a_time(edit):
    """Run a playlist edit while holding that playlist's lock."""
    @functools.wraps(edit)
    def locked(owner_id, playlist_id, *args):
        with locks.held(f"playlist:{playlist_id}"):
            return edit(owner_id, playlist_id, *args)

    return locked


def playlists_with(track_id):
    """Every playlist (of any owner) that holds the track: _id and owner_id only."""
    return list(collection().find({"track_ids": track_id}, {"owner_id": 1}))


def change(owner_id, playlist_id, query, update, action):
    """Apply one atomic update to the owner's playlist and announce it; 404 if not theirs."""
    update.setdefault("$set", {})["updated_at"] = utcnow()
    update["$inc"] = {"version": 1}
    doc = collection().find_one_and_update({"_id": playlist_id, "owner_id": owner_id, **query},
                                           update, return_document=ReturnDocument.AFTER)
    if doc is None:
        return None
    announce(doc, action)
    return doc


@one_at_a_time
def rename_playlist(owner_id, playlist_id, name):
    doc = change(owner_id, playlist_id, {}, {"$set": {"name": check_name(name)}}, "renamed")
    return doc or get_playlist(owner_id, playlist_id)


@one_at_a_time
def delete_playlist(owner_id, playlist_id):
    if not collection().delete_one({"_id": playlist_id, "owner_id": owner_id}).deleted_count:
        raise not_found("playlist")
    sync.publish(owner_id, "playlist.changed",
                 {"playlist_id": str(playlist_id), "action": "deleted", "version": None})


@one_at_a_time
def add_tracks(owner_id, playlist_id, track_ids):
    """Append the tracks not yet in the playlist; concurrent additions are all kept."""
    current = get_playlist(owner_id, playlist_id)
    require_tracks(track_ids)
    new = set(track_ids) - set(current["track_ids"])
    if not new:
        return current  # nothing to add: no write, no new version
    if len(current["track_ids"]) + len(new) > MAX_PLAYLIST_LENGTH:
        raise ValidationError({"track_ids": f"a playlist holds at most {MAX_PLAYLIST_LENGTH} "
                                            "tracks"})
    doc = change(owner_id, playlist_id, {},
                 {"$addToSet": {"track_ids": {"$each": list(dict.fromkeys(track_ids))}}},
                 "tracks_added")
    return doc or get_playlist(owner_id, playlist_id)


@one_at_a_time
def remove_track(owner_id, playlist_id, track_id):
    """Take the track out (idempotent)."""
    doc = change(owner_id, playlist_id, {"track_ids": track_id},
                 {"$pull": {"track_ids": track_id}}, "track_removed")
    return doc or get_playlist(owner_id, playlist_id)


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
    current = get_playlist(owner_id, playlist_id)
    if current["version"] != version:
        raise conflict(current)
    if Counter(track_ids) != Counter(current["track_ids"]):
        raise ValidationError({"track_ids": "must list exactly the playlist's tracks"})
    doc = change(owner_id, playlist_id, {"version": version},
                 {"$set": {"track_ids": track_ids}}, "reordered")
    if doc is None:
        raise conflict(get_playlist(owner_id, playlist_id))
    return doc


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
           "created_at": doc["created_at"], "updated_at": doc["updated_at"]}
    if user_id is not None:
        out["tracks"] = present_tracks(user_id, doc["track_ids"])
    return out
