"""Who may manage a receiver's rules and who hears of them: an adult of the receiver's
household manages; every session of the household sees changes live."""

from server.devices import devices
from server.errors import not_found
from server.households import access as households
from server.households import store as household_store
from server.realtime.hub import household_group


def managed_device(user, device_id):
    """The device whose rules the user may read and change.

    Another household's receiver is a 404 (no probing); a child of its own household gets
    403 adult_required.
    """
    device = devices.find_device(device_id)
    if not households.shares_device(user, device):
        raise not_found("device")
    households.require_adult(user)
    return device


def manager_groups(device):
    """The hub groups of every session that shows this receiver's rules and report."""
    household_id = households.device_household(device)
    return [] if household_id is None else [household_group(household_id)]


def household_time_zone(device):
    """The IANA time zone of the receiver's household (rules default to it)."""
    household_id = households.device_household(device)
    doc = household_store.find(household_id) if household_id is not None else None
    return (doc or {}).get("time_zone", "UTC")
