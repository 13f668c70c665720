"""Households: every user belongs to one; adults manage it, children listen.

Receivers, shared playlists and conversations with receivers belong to the household;
favorites and history stay personal. Other parts ask permission through `access`:

    household_of(user)            the id of the user's household
    membership(user)              (household document, the user's roster entry)
    is_adult(user, household_id)  an adult of that household?
    require_adult(user)           403 adult_required for a child; the household document
    adult_required                the same as a view decorator
    device_household(device)      the household a receiver belongs to
    shares_device(user, device)   the receiver is the user's household's
    allowed_categories(user)      what a child may hear (None: anything)
"""
