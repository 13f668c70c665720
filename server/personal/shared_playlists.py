"""Playlists marked shared belong to the household: every member lists and reads them, only
their owner changes them (anyone else gets the 404 of someone else's playlist).

Each household lists its shared playlists in one small document (`household_playlists`, _id
the household id), changed under its lock. A reader checks every entry (still shared, not
deleted, its owner still in the household), so a playlist unshared, deleted or taken along by
an owner who left drops out without anyone rewriting the list.
"""

from server.accounts import users
from server.errors import not_found
from server.households.access import household_of
from server.id_lists import IdList
from server.personal import playlists

LISTS = IdList("household_playlists", newest_first=True)
EVERY = 1_000_000  # one page holding all of a user's own playlists


def set_shared(user, playlist_id, shared):
    """Share the user's playlist with their household (or stop); the new version."""
    doc = playlists.share(user["_id"], playlist_id, shared)
    LISTS.change(household_of(user), playlist_id, add=shared)
    return doc


def shared_in(doc, household_id):
    """True when the playlist is shared and its owner is in that household now."""
    if doc is None or not doc.get("shared"):
        return False
    owner = users.find_user(doc["owner_id"])
    return owner is not None and owner.get("household_id") == household_id


def readable(user, playlist_id):
    """The user's own playlist, or one shared in their household; 404 otherwise."""
    doc = playlists.current(playlist_id)
    if doc is not None and (doc["owner_id"] == user["_id"]
                            or shared_in(doc, household_of(user))):
        return doc
    raise not_found("playlist")


def list_for(user, page, per_page):
    """(the user's playlists, then the household's shared ones of others; total)."""
    own, _ = playlists.list_playlists(user["_id"], 1, EVERY)
    household_id = household_of(user)
    others = [doc for doc in map(playlists.current, LISTS.ids(household_id))
              if doc is not None and doc["owner_id"] != user["_id"]
              and shared_in(doc, household_id)]
    docs = own + others
    start = (page - 1) * per_page
    return docs[start:start + per_page], len(docs)
