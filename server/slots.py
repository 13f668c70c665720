"""Numbers handed out by unique inserts: `<prefix>:<n>` documents, found again by _id.

FerretDB v1 loses racing $inc (it applies updates as read-modify-write), but an insert
under a taken _id fails on every database. So a counter is a run of documents `prefix:1`,
`prefix:2`, ...; whoever inserts `prefix:n` owns number n. Slots are taken in order (n only
after n-1 exists), so the highest is found by a galloping then binary search of finds by _id.
"""

import itertools

from pymongo.errors import DuplicateKeyError


def slot_id(prefix, number):
    return f"{prefix}:{number}"


def exists(collection, prefix, number):
    return collection.find_one({"_id": slot_id(prefix, number)}, {"_id": 1}) is not None


def highest(collection, prefix, hint=0):
    """The highest taken number of the prefix (0 when none), starting the search at hint."""
    low = hint if hint > 0 and exists(collection, prefix, hint) else 0
    step = 1
    while exists(collection, prefix, low + step):
        low += step
        step *= 2
    high = low + step  # low is taken (or 0), high is free
    while high - low > 1:
        middle = (low + high) // 2
        if exists(collection, prefix, middle):
            low = middle
        else:
            high = middle
    return low


def try_insert(collection, prefix, number, fields, number_field=None):
    doc = {"_id": slot_id(prefix, number), **fields}
    if number_field:
        doc[number_field] = number
    try:
        collection.insert_one(doc)
        return True
    except DuplicateKeyError:
        return False


def claim_next(collection, prefix, fields, hint=0, number_field=None):
    """Take the next free number of the prefix and return it (racing callers get distinct ones).

    The document inserted is fields, plus the number itself under number_field if given.
    """
    number = highest(collection, prefix, hint) + 1
    while not try_insert(collection, prefix, number, fields, number_field):
        number = highest(collection, prefix, number) + 1
    return number


LINEAR_MAX = 64  # up to this capacity, released numbers are found again by trying each


def claim_within(collection, prefix, capacity, fields):
    """Take a free number in 1..capacity and return it; None when all are taken.

    Numbers after the highest are tried first; small capacities then look for released
    ones below it (limits set out of the way in tests skip that).
    """
    start = highest(collection, prefix) + 1
    below = range(1, min(start, capacity + 1)) if capacity <= LINEAR_MAX else ()
    for number in itertools.chain(range(start, capacity + 1), below):
        if try_insert(collection, prefix, number, fields):
            return number
    return None


def release(collection, prefix, number):
    collection.delete_one({"_id": slot_id(prefix, number)})
