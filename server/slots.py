"""Numbers handed out by unique inserts: `<prefix>:<n>` documents, found again by _id.

FerretDB v1 loses racing $inc (it applies updates as read-modify-write), but an insert
under a taken _id fails on every database. So a counter is a run of documents `prefix:1`,
`prefix:2`, ...; whoever inserts `prefix:n` owns number n. On FerretDB a find by _id that
finds nothing scans the whole collection, so the highest number is never searched for: it is
kept in a head document in the small `slot_heads` collection (read by _id, a hit), raised
after each insert under the head's lock (a burst of one process together: server.gathered).
A writer whose number is taken moves on to the next; a crash between an insert and its head
update is repaired by the next writer.
"""

import itertools

from pymongo.errors import DuplicateKeyError

from server import gathered, locks


def slot_id(prefix, number):
    return f"{prefix}:{number}"


def heads(collection):
    return collection.database.slot_heads


def head_id(collection, prefix):
    return f"{collection.name}/{prefix}"


def highest(collection, prefix, hint=0):
    """The highest taken number of the prefix (0 when none); hint is one known to be taken."""
    doc = heads(collection).find_one({"_id": head_id(collection, prefix)}, {"n": 1})
    return max(hint, doc["n"] if doc else 0)


def advance(collection, prefix, number, **fields):
    """Raise the prefix's head to number (fields are kept on a new head, e.g. expires_at).

    A burst of writers in this process raises the head together (server.gathered)."""
    key = head_id(collection, prefix)
    gathered.raise_to(f"{collection.database.name}|head|{key}", number,
                      lambda top, top_fields: store_head(collection, key, top, top_fields),
                      fields)


def store_head(collection, key, number, fields):
    with locks.held(f"head|{key}"):  # FerretDB loses racing updates of one document
        doc = heads(collection).find_one({"_id": key}, {"n": 1})
        if doc is None:
            heads(collection).insert_one({"_id": key, "n": number, **fields})
        elif doc["n"] < number:
            heads(collection).update_one({"_id": key}, {"$set": {"n": number}})


def reset(collection, prefix):
    """Forget the prefix's head (its numbers were all released)."""
    key = head_id(collection, prefix)
    with locks.held(f"head|{key}"):
        heads(collection).delete_one({"_id": key})


def tops(ids):
    """{prefix: highest number} of numbered _ids (for seeding and migrations, which insert)."""
    found = {}
    for value in ids:
        prefix, _, number = str(value).rpartition(":")
        if prefix and number.isdigit():
            found[prefix] = max(found.get(prefix, 0), int(number))
    return found


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

    The document inserted is fields, plus the number itself under number_field if given;
    fields may be a function of the number tried, for a document that builds on the one
    before it (number n is only tried once n - 1 is taken).
    """
    fields_for = fields if callable(fields) else lambda _: fields
    number = highest(collection, prefix, hint) + 1
    while not try_insert(collection, prefix, number, fields_for(number), number_field):
        number += 1  # taken by a racing writer, or by one that crashed before its head update
    advance(collection, prefix, number)
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
            if number >= start:
                advance(collection, prefix, number, **fields)
            return number
    return None


def release(collection, prefix, number):
    collection.delete_one({"_id": slot_id(prefix, number)})
