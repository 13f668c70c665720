"""Who may do what in a household: the one place permission checks start from.

Every function takes the user document the request already read (`auth.current_user()`),
so asking costs no read beyond the household's own document, and none at all for
`household_of` and `device_household`.
"""

import functools

from pymongo.errors import DuplicateKeyError

from server.accounts import users
from server.auth import current_user
from server.errors import ApiError, not_found
from server.households import store


def household_of(user):
    """The id of the user's household (a user document, or a user id).

    A user without one (signed up before households, or made by `create-admin`) founds
    their first household here: its _id is the user's own id, so racing founders collide
    on one insert and the receivers and conversations of older databases keep their keys.
    """
    if not isinstance(user, dict):
        user = users.find_user(user)
        if user is None:
            raise not_found("user")
    if user.get("household_id") is not None:
        return user["household_id"]
    try:
        store.collection().insert_one(store.new_household(user, user["_id"]))
    except DuplicateKeyError:
        pass  # founded by a racing request, or by a run cut off before the pointer was set
    users.update_user(user["_id"], {"household_id": user["_id"]})
    user["household_id"] = user["_id"]
    return user["_id"]


def membership(user):
    """(household document, the user's roster entry) of the user's household."""
    household = store.get(household_of(user))
    entry = store.entry_of(household, user["_id"])
    if entry is None:  # only after a crash mid-join: the pointer moved, the roster did not
        raise ApiError(409, "household_incomplete", "Your household membership is being "
                       "changed; try again")
    return household, entry


def role_of(user):
    """"adult" or "child"."""
    return membership(user)[1]["role"]


def is_adult(user, household_id=None):
    """True when the user is an adult of their household (and it is household_id, if given)."""
    if household_id is not None and household_of(user) != household_id:
        return False
    return role_of(user) == "adult"


def require_adult(user=None):
    """The user's household document; 403 adult_required for a child (default: the caller)."""
    user = user or current_user()
    household, entry = membership(user)
    if entry["role"] != "adult":
        raise ApiError(403, "adult_required", "Only an adult of the household can do this")
    return household


def adult_required(view):
    """View decorator: signed in and an adult of their household (403 for a child)."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        require_adult(current_user())
        return view(*args, **kwargs)

    return wrapped


def device_household(device):
    """The id of the household a receiver belongs to (None while unpaired)."""
    return device.get("household_id")


def shares_device(user, device):
    """True when the receiver belongs to the user's household."""
    return device is not None and device_household(device) is not None \
        and device_household(device) == household_of(user)


def allowed_categories(user):
    """The categories a child may hear (None: everything; adults are never limited)."""
    _, entry = membership(user)
    return entry.get("allowed_categories") if entry["role"] == "child" else None


def readable_member(user, member_id):
    """The household whose member's listening the user may read: an adult reads any member's,
    a child only their own (403 adult_required); a member of another household is a 404."""
    household, entry = membership(user)
    member = users.find_user(member_id) if store.entry_of(household, member_id) else None
    if member is None or member.get("household_id") != household["_id"]:
        raise not_found("member")
    if entry["role"] != "adult" and member_id != user["_id"]:
        raise ApiError(403, "adult_required", "Only an adult of the household can do this")
    return household
