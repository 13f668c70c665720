"""Who may manage a receiver's rules and who hears of them: the one place to change for
households (part A of issue 14 moves this to "an adult of the receiver's household")."""

from server.devices import devices
from server.realtime.hub import user_group


def managed_device(user_id, device_id):
    """The device whose rules user_id may read and change; 404 otherwise (no probing)."""
    return devices.get_owned(device_id, user_id)


def manager_groups(device):
    """The hub groups of every session that shows this receiver's rules and report."""
    owner = device.get("owner_id")
    return [] if owner is None else [user_group(owner)]
