"""Converting documents of older shapes to the ones reached by _id (`init-db` runs this).

Each step inserts the new documents first and deletes the old ones after, so a run that
stops half-way is completed by the next; every step is a no-op on converted data.
Migrations may scan: they run from the CLI, never in a request.
"""

import logging

from bson import ObjectId
from pymongo.errors import DuplicateKeyError, OperationFailure

log = logging.getLogger(__name__)


def drop_indexes(collection, names):
    """Drop the named indexes if present (old unique ones would refuse the new shapes)."""
    existing = set(collection.index_information())
    for name in names:
        if name in existing:
            try:
                collection.drop_index(name)
            except OperationFailure as error:
                log.warning("could not drop index %s: %s", name, error)


def insert_new(collection, doc):
    try:
        collection.insert_one(doc)
    except DuplicateKeyError:
        pass  # converted by an earlier, interrupted run


def tokens(db):
    """Tokens keyed by an ObjectId with a token_hash field become keyed by the digest."""
    drop_indexes(db.tokens, ["token_hash_unique", "token_user"])
    moved = 0
    for old in list(db.tokens.find({"token_hash": {"$exists": True}})):
        fields = {key: value for key, value in old.items() if key not in ("_id", "token_hash")}
        insert_new(db.tokens, {"_id": old["token_hash"], "epoch": 0, **fields})
        db.tokens.delete_one({"_id": old["_id"]})
        moved += 1
    return moved


def into_journal(collection, order, journal, entry_of):
    """Append entry_of(old) (None: nothing to add) to its user's journal for each old row,
    oldest first, deleting each row after."""
    moved = 0
    for old in list(collection.find().sort(order, 1)):
        entry = entry_of(old)
        if entry is not None:
            journal.append(old["user_id"], {"kind": journal.kind, "user_id": old["user_id"],
                                            "track_id": old["track_id"], **entry})
        collection.delete_one({"_id": old["_id"]})
        moved += 1
    return moved


def favorites(db):
    """The old one-document-per-favorite collection becomes each user's journal."""
    from server.personal.favorites import JOURNAL

    def entry_of(old):
        if old["track_id"] in JOURNAL.state(old["user_id"]):
            return None  # moved by an earlier, interrupted run
        return {"on": True, "at": old["created_at"]}

    return into_journal(db.favorites, "created_at", JOURNAL, entry_of)


def history(db):
    """The old one-row-per-(user, track) collection becomes each user's journal."""
    from server.personal.history import JOURNAL

    return into_journal(db.history, "played_at", JOURNAL, lambda old: {
        "position": old["position"], "completed": old.get("completed", False),
        "played_at": old["played_at"]})


def playlists(db):
    """Each old playlist document becomes its current version and an entry in its owner's list."""
    from server.personal import playlists as module

    moved = 0
    for old in list(db.playlists.find().sort("created_at", 1)):
        if module.current(old["_id"]) is None:
            module.store(old)
        if old["_id"] not in module.owned_ids(old["owner_id"]):
            module.change_list(old["owner_id"], old["_id"], add=True)
        db.playlists.delete_one({"_id": old["_id"]})
        moved += 1
    return moved


def households(db):
    """Every user without a household founds one (its _id is the user's: see access)."""
    from server.households.access import household_of

    founded = 0
    for user in list(db.users.find({"household_id": {"$exists": False}})):
        household_of(user)
        founded += 1
    return founded


def device_households(db):
    """A receiver owned by a user (`owner_id`) belongs to that user's household instead."""
    from server.households.access import household_of

    moved = 0
    for doc in list(db.devices.find({"owner_id": {"$exists": True}})):
        owner = doc["owner_id"] and db.users.find_one({"_id": doc["owner_id"]})
        household_id = household_of(owner) if owner else None
        db.devices.update_one({"_id": doc["_id"]}, {"$set": {"household_id": household_id},
                                                    "$unset": {"owner_id": ""}})
        moved += 1
    return moved


def device_lists(db):
    """Every household's list of devices, built from the devices themselves (idempotent)."""
    from server.devices import devices

    households = {}
    for doc in db.devices.find({"household_id": {"$ne": None}}).sort("created_at", 1):
        households.setdefault(doc["household_id"], []).append(doc["_id"])
    for household_id, device_ids in households.items():
        known = devices.household_device_ids(household_id)
        missing = [device_id for device_id in device_ids if device_id not in known]
        if missing:
            db.device_lists.update_one({"_id": household_id},
                                       {"$set": {"ids": known + missing}}, upsert=True)
    drop_indexes(db.devices, ["device_owner"])
    return sum(len(ids) for ids in households.values())


def conversations(db):
    """Conversations keyed by ObjectId and their messages become `_id`-addressed ones.

    Messages are renumbered 1..n in their old order (old databases could hold repeated seqs).
    """
    from server.messages.conversations import conversation_id

    moved = 0
    for old in [doc for doc in db.conversations.find() if isinstance(doc["_id"], ObjectId)]:
        new_id = conversation_id(old["device_id"], old["user_id"])
        rows = sorted(db.messages.find({"conversation_id": old["_id"]}),
                      key=lambda doc: (doc.get("seq", 0), doc["created_at"]))
        for seq, message in enumerate(rows, start=1):
            fields = {key: value for key, value in message.items() if key != "_id"}
            insert_new(db.messages, {**fields, "_id": f"{new_id}:{seq}", "seq": seq,
                                     "message_id": message["_id"], "conversation_id": new_id})
            if message.get("voice"):
                insert_new(db.voice_clips, {"_id": message["_id"], "voice": message["voice"]})
        insert_new(db.conversations, {
            "_id": new_id, "device_id": old["device_id"], "user_id": old["user_id"],
            "created_at": old.get("created_at"),
            "user_read_seq": min(old.get("user_read_seq", 0), len(rows)),
            "device_read_seq": min(old.get("device_read_seq", 0), len(rows))})
        db.messages.delete_many({"conversation_id": old["_id"]})
        db.conversations.delete_one({"_id": old["_id"]})
        moved += 1
    drop_indexes(db.conversations, ["conversation_pair_unique", "conversation_user_recent",
                                    "conversation_device"])
    drop_indexes(db.messages, ["message_conversation_seq", "message_conversation_sender_seq",
                               "message_sender_recent"])
    return moved


def rate_events(db):
    """Old sliding-window events: limits start afresh in the numbered slots."""
    count = db.rate_events.count_documents({})
    db.rate_events.drop()
    return count


HEADED = ("personal_entries", "personal_snapshots", "playlist_versions", "messages")


def slot_heads(db):
    """Numbered documents written before heads existed (or by the steps above) get their
    head: the highest number of each prefix, raised if lower."""
    from server import slots

    raised = 0
    for name in HEADED:
        top = slots.tops(doc["_id"] for doc in db[name].find({}, {"_id": 1}))
        for prefix, number in top.items():
            if slots.highest(db[name], prefix) < number:
                slots.advance(db[name], prefix, number)
                raised += 1
    return raised


def message_tallies(db):
    """Messages stored before tallies get theirs (server.messages.messages), in seq order."""
    tallied = 0
    for conversation in db.conversations.find({}, {"_id": 1}):
        tally = {"user": 0, "device": 0}
        rows = db.messages.find({"conversation_id": conversation["_id"]},
                                {"seq": 1, "sender": 1, "tally": 1})
        for message in sorted(rows, key=lambda doc: doc["seq"]):
            tally = {**tally, message["sender"]: tally[message["sender"]] + 1}
            if message.get("tally") != tally:
                db.messages.update_one({"_id": message["_id"]}, {"$set": {"tally": tally}})
                tallied += 1
    return tallied


STEPS = {"tokens": tokens, "favorites": favorites, "history": history,
         "playlists": playlists, "households": households,
         "device households": device_households, "device lists": device_lists,
         "conversations": conversations,
         "rate limit events": rate_events, "slot heads": slot_heads,
         "message tallies": message_tallies}


def migrate(db):
    """Run every step (inside an app context); returns {step: documents converted}."""
    return {name: step(db) for name, step in STEPS.items()}
