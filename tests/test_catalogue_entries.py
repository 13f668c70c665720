"""A journal entry is applied to a catalogue whole or not at all, and retried after a failure."""

import pytest

from server.library import tracks
from server.library.catalogue import derived, state
from tests.catalogue_helpers import track_fields


def test_an_entry_that_fails_half_way_leaves_nothing_and_is_applied_on_the_next_read(
        app, client, monkeypatch):
    with app.app_context():
        tracks.insert_tracks([track_fields("Before", category="Songs")])
    assert client.get("/api/v1/tracks").get_json()["total"] == 1
    catalogue = state.of(app)
    seq = catalogue.seq

    with app.app_context():  # one entry of three tracks, one of them in a new category
        tracks.insert_tracks([track_fields(f"Batch {n}", category=category)
                              for n, category in enumerate(["Songs", "Songs", "Stories"])])
    refresh = derived.refresh

    def fails_after_the_rows(conn, touched):  # the entry's last step, after all its rows
        raise MemoryError("injected: the catalogue ran out of memory applying the entry")

    monkeypatch.setattr(derived, "refresh", fails_after_the_rows)
    with app.app_context(), pytest.raises(MemoryError):
        state.current(exact=True)
    assert catalogue.seq == seq
    assert catalogue.conn.execute("SELECT count(*) FROM tracks").fetchone()[0] == 1
    assert catalogue.conn.execute("SELECT key, count FROM categories").fetchall() == [
        ("songs", 1)]
    assert not catalogue.conn.in_transaction

    monkeypatch.setattr(derived, "refresh", refresh)
    body = client.get("/api/v1/tracks?per_page=10").get_json()
    assert sorted(item["title"] for item in body["items"]) == [
        "Batch 0", "Batch 1", "Batch 2", "Before"]
    assert client.get("/api/v1/categories").get_json()["items"] == [
        {"name": "Songs", "count": 3}, {"name": "Stories", "count": 1}]
    assert client.get("/api/v1/tracks?q=batch").get_json()["total"] == 3
    assert catalogue.seq == seq + 1
