"""Upsert entries name their documents (library_journal_docs) instead of holding them, so a
rebuild's count of the plays reads small entries only."""

import bson

from server.jsonutil import utcnow
from server.library import tracks
from server.library.catalogue import journal, snapshots, state
from tests.catalogue_helpers import track_fields

ENTRY_BYTES = 512  # an entry's kind, slot, time and a reference: far from 500 documents


def listing(client):
    """{title: plays} of the whole library, as the API lists it."""
    body = client.get("/api/v1/tracks?per_page=100&sort=title").get_json()
    return {item["title"]: item["play_count"] for item in body["items"]}


def cold(app):
    """As in a process that starts: nothing loaded."""
    app.extensions.pop(state.EXTENSION_KEY, None)


def test_upsert_entries_are_small_and_a_cold_rebuild_reads_them_back(app, client, db):
    with app.app_context():
        docs = tracks.insert_tracks([track_fields(f"Payload {n:04d}") for n in range(
            journal.BATCH + 3)])
        tracks.increment_play_count(docs[0]["_id"])
        tracks.increment_play_count(docs[-1]["_id"])
    upserts = list(db.library_journal.find({"kind": "upsert"}))
    assert [entry["count"] for entry in upserts] == [journal.BATCH, 3]
    for entry in upserts:
        assert "docs" not in entry and len(bson.encode(entry)) < ENTRY_BYTES
    assert db[journal.PAYLOADS].count_documents({}) == 2
    db.library_state.delete_one({"_id": snapshots.HEAD_ID})  # a rebuild from the collection
    cold(app)
    body = client.get("/api/v1/tracks?per_page=5&sort=title").get_json()
    assert body["total"] == journal.BATCH + 3
    assert body["items"][0]["title"] == "Payload 0000" and body["items"][0]["play_count"] == 1


def test_a_loaded_catalogue_applies_payload_and_inline_entries(app, client, db):
    with app.app_context():
        tracks.insert_track(track_fields("Before"))
    assert listing(client) == {"Before": 0}
    with app.app_context():
        tracks.insert_track(track_fields("Named"))  # the catalogue catches up by slot
        # An entry written before payloads, documents inline: it is still applied.
        now = utcnow()
        doc = {**track_fields("Inline"), "_id": bson.ObjectId(), "created_at": now,
               "updated_at": now}
        db.tracks.insert_one(doc)
        journal.append(db, "upsert", docs=[doc])
    assert listing(client) == {"Before": 0, "Inline": 0, "Named": 0}


def test_an_entry_whose_documents_are_gone_is_a_hole_and_the_collection_is_read(
        app, client, db):
    with app.app_context():
        tracks.insert_track(track_fields("First"))
    assert listing(client) == {"First": 0}
    with app.app_context():
        tracks.insert_track(track_fields("Second"))
    db[journal.PAYLOADS].delete_many({})  # lost by hand, between the write and the read
    assert listing(client) == {"First": 0, "Second": 0}
