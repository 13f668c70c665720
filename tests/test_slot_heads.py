"""Numbered sequences keep their highest number in a head: no lookup that misses."""

from bson import ObjectId
from pymongo import monitoring

from server import slots
from server.jsonutil import utcnow
from server.migrations import migrate
from server.personal import journal
from server.personal.favorites import JOURNAL as FAVORITES


class EmptyFinds(monitoring.CommandListener):
    """Records each find that came back empty (on FerretDB v1, a scan of the collection)."""

    def __init__(self):
        self.recording, self.misses, self.pending = False, [], {}

    def started(self, event):
        if self.recording and event.command_name == "find":
            self.pending[event.request_id] = (event.command["find"], event.command["filter"])

    def succeeded(self, event):
        found = self.pending.pop(event.request_id, None)
        if found and not event.reply["cursor"]["firstBatch"]:
            self.misses.append(found)

    def failed(self, event):
        self.pending.pop(event.request_id, None)


EMPTY_FINDS = EmptyFinds()
monitoring.register(EMPTY_FINDS)  # clients made after this (each test's app) report to it


def favorite(user_id):
    return {"kind": "favorites", "user_id": user_id, "track_id": ObjectId(), "on": True,
            "at": utcnow()}


def test_reading_and_appending_a_journal_never_misses(app):
    user_id = ObjectId()
    with app.app_context():
        FAVORITES.append(user_id, favorite(user_id))  # the first entry creates the head
        EMPTY_FINDS.misses.clear()
        EMPTY_FINDS.recording = True
        try:
            for _ in range(3):
                FAVORITES.append(user_id, favorite(user_id))
            journal._cache.clear()  # another process meeting the user cold
            state = FAVORITES.state(user_id)
        finally:
            EMPTY_FINDS.recording = False
    assert len(state) == 4
    assert EMPTY_FINDS.misses == []


def test_a_writer_that_crashed_before_its_head_update_is_repaired_by_the_next(app, db):
    with app.app_context():
        collection = db.messages
        assert slots.claim_next(collection, "c", {"text": "one"}) == 1
        slots.try_insert(collection, "c", 2, {"text": "crashed"})  # inserted, head not raised
        assert slots.highest(collection, "c") == 1
        assert slots.claim_next(collection, "c", {"text": "three"}) == 3
        assert slots.highest(collection, "c") == 3
        assert db.slot_heads.find_one({"_id": "messages/c"})["n"] == 3


def test_migration_gives_directly_inserted_sequences_their_heads(app, db):
    user_id = ObjectId()
    prefix = FAVORITES.prefix(user_id)
    db.personal_entries.insert_many([{"_id": slots.slot_id(prefix, n), **favorite(user_id)}
                                     for n in (1, 2, 3)])
    with app.app_context():
        assert FAVORITES.state(user_id) == {}
        assert migrate(db)["slot heads"] == 1
        journal._cache.clear()
        assert len(FAVORITES.state(user_id)) == 3
        assert migrate(db)["slot heads"] == 0


def test_removing_a_receiver_drops_the_heads_of_its_conversations(app, db):
    from server.messages import messages

    device_id, other_id = ObjectId(), ObjectId()
    with app.app_context():
        for device in (device_id, other_id):
            conversation = {"_id": f"{device}:{ObjectId()}", "device_id": device,
                            "user_id": ObjectId()}
            messages.insert(conversation, "user", {"kind": "text", "text": "hi"})
        messages.delete_for_device(device_id)
    assert [doc["_id"].split("/")[1].split(":")[0] for doc in db.slot_heads.find()] == [
        str(other_id)]
