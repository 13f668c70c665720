"""Moving a user between households: joining one, leaving one, being removed from one.

Each move holds the lock of the household the user leaves, where the one rule that can be
broken by a race lives (the last adult stays), and writes in the order `store` describes:
the new roster, the user's pointer, then the old roster. A user who leaves founds a new
household of their own, so every user always belongs to one.
"""

from bson import ObjectId

from server import locks
from server.accounts import users
from server.errors import ApiError
from server.households import store
from server.households.access import household_of


def last_adult():
    return ApiError(409, "last_adult", "The last adult of a household cannot leave it or "
                    "become a child; make another member an adult first")


def check_not_last_adult(household, user_id):
    """409 when user_id is the only adult left and someone else still depends on them."""
    live = store.live_members(household)
    adults = [entry["user_id"] for entry, _ in live if entry["role"] == "adult"]
    others = [entry for entry, _ in live if entry["user_id"] != user_id]
    if adults == [user_id] and others:
        raise last_adult()
    return others


def move_user(user, to_household_id, role, allowed_categories=None):
    """Put the user into another household with role; returns the id of the household left
    empty by the move (the user was alone in it: its receivers come along), else None."""
    from_id = household_of(user)
    with locks.held(f"household:{from_id}"):
        old = store.get(from_id)
        others = check_not_last_adult(old, user["_id"])
        add_to_roster(to_household_id, store.member_entry(user["_id"], role,
                                                          allowed_categories))
        users.update_user(user["_id"], {"household_id": to_household_id})
        user["household_id"] = to_household_id
        store.write(from_id, {"members": [entry for entry in old["members"]
                                          if entry["user_id"] != user["_id"]]})
    return None if others else from_id


def leave(user):
    """Take the user out of their household into a new one of their own; its id."""
    from_id = household_of(user)
    with locks.held(f"household:{from_id}"):
        old = store.get(from_id)
        if not check_not_last_adult(old, user["_id"]):
            raise ApiError(409, "alone", "You are the only member of your household")
        fresh = store.new_household(user, ObjectId())
        store.collection().insert_one(fresh)
        users.update_user(user["_id"], {"household_id": fresh["_id"]})
        user["household_id"] = fresh["_id"]
        store.write(from_id, {"members": [entry for entry in old["members"]
                                          if entry["user_id"] != user["_id"]]})
    return fresh["_id"]


@store.one_at_a_time
def add_to_roster(household_id, entry):
    doc = store.get(household_id)
    members = [other for other in doc["members"] if other["user_id"] != entry["user_id"]]
    store.write(household_id, {"members": [*members, entry]})


@store.one_at_a_time
def change_member(household_id, user_id, changes):
    """Apply role / allowed_categories changes to a live member; the new roster entry."""
    doc = store.get(household_id)
    entry = store.entry_of(doc, user_id)
    if entry is None or user_id not in [e["user_id"] for e, _ in store.live_members(doc)]:
        raise ApiError(404, "not_found", "member not found")
    if changes.get("role") == "child" and entry["role"] == "adult" \
            and store.adult_ids(doc) == [user_id]:
        raise last_adult()
    updated = {**entry, **changes}
    store.write(household_id, {"members": [updated if e["user_id"] == user_id else e
                                           for e in doc["members"]]})
    return updated


@store.one_at_a_time
def rename(household_id, fields):
    store.write(household_id, fields)
    return store.get(household_id)


@store.one_at_a_time
def forget_if_empty(household_id):
    """Delete a household nobody is in any more (its receivers were moved out first)."""
    doc = store.find(household_id)
    if doc is not None and not store.live_members(doc):
        store.collection().delete_one({"_id": household_id})
