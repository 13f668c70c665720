"""/api/v1/playlists: the full flow, privacy, concurrent edits, compare-and-set reorder."""

import json
import threading
import urllib.request

import pytest
from bson import ObjectId

from server import sync
from tests.accounts_helpers import PASSWORD, bearer, insert_track_record, register


def create(client, token, name="Road trip", track_ids=()):
    response = client.post("/api/v1/playlists", headers=bearer(token),
                           json={"name": name, "track_ids": [str(t) for t in track_ids]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_playlist_full_flow(app, client, db):
    events = []
    sync.subscribe(app, lambda user_id, kind, data: events.append((kind, data["action"])))
    _, token = register(client)
    a, b, c = (insert_track_record(db) for _ in range(3))
    playlist = create(client, token, "  Road trip ", [a])
    assert playlist["name"] == "Road trip"
    assert playlist["track_ids"] == [str(a)] and playlist["track_count"] == 1
    assert playlist["version"] == 1
    assert [t["id"] for t in playlist["tracks"]] == [str(a)]
    url = f"/api/v1/playlists/{playlist['id']}"

    added = client.post(f"{url}/tracks", headers=bearer(token),
                        json={"track_ids": [str(b), str(c), str(a)]}).get_json()
    assert added["track_ids"] == [str(a), str(b), str(c)] and added["version"] == 2

    reordered = client.put(f"{url}/order", headers=bearer(token),
                           json={"track_ids": [str(c), str(a), str(b)], "version": 2})
    assert reordered.status_code == 200
    assert reordered.get_json()["track_ids"] == [str(c), str(a), str(b)]

    removed = client.delete(f"{url}/tracks/{a}", headers=bearer(token)).get_json()
    assert removed["track_ids"] == [str(c), str(b)] and removed["version"] == 4
    again = client.delete(f"{url}/tracks/{a}", headers=bearer(token)).get_json()
    assert again["version"] == 4  # nothing changed, no new version

    renamed = client.patch(url, headers=bearer(token), json={"name": "Bedtime"}).get_json()
    assert renamed["name"] == "Bedtime" and renamed["version"] == 5

    shown = client.get(url, headers=bearer(token)).get_json()
    assert [t["id"] for t in shown["tracks"]] == [str(c), str(b)]
    assert shown["tracks"][0]["is_favorite"] is False

    listed = client.get("/api/v1/playlists", headers=bearer(token)).get_json()
    assert listed["total"] == 1 and "tracks" not in listed["items"][0]

    assert client.delete(url, headers=bearer(token)).status_code == 204
    assert client.get(url, headers=bearer(token)).status_code == 404
    assert [kind for kind, _ in events] == ["playlist.changed"] * 6
    assert [action for _, action in events] == ["created", "tracks_added", "reordered",
                                                "track_removed", "renamed", "deleted"]


def test_playlists_list_newest_first_and_paged(client):
    _, token = register(client)
    names = [create(client, token, f"List {n}")["name"] for n in range(3)]
    page = client.get("/api/v1/playlists?per_page=2", headers=bearer(token)).get_json()
    assert page["total"] == 3
    assert [item["name"] for item in page["items"]] == [names[2], names[1]]


def test_reorder_with_a_stale_version_is_409_and_loses_nothing(client, db):
    _, token = register(client)
    a, b, c = (insert_track_record(db) for _ in range(3))
    playlist = create(client, token, track_ids=[a, b])
    url = f"/api/v1/playlists/{playlist['id']}"
    client.post(f"{url}/tracks", headers=bearer(token), json={"track_ids": [str(c)]})
    response = client.put(f"{url}/order", headers=bearer(token),
                          json={"track_ids": [str(b), str(a)], "version": playlist["version"]})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "version_conflict"
    assert response.get_json()["error"]["details"]["current_version"] == 2
    assert client.get(url, headers=bearer(token)).get_json()["track_ids"] == [
        str(a), str(b), str(c)]


@pytest.mark.parametrize("order", ["missing", "extra", "duplicate", "empty"])
def test_reorder_must_be_a_permutation(client, db, order):
    _, token = register(client)
    a, b = insert_track_record(db), insert_track_record(db)
    playlist = create(client, token, track_ids=[a, b])
    track_ids = {"missing": [str(a)], "extra": [str(a), str(b), str(ObjectId())],
                 "duplicate": [str(a), str(a)], "empty": []}[order]
    response = client.put(f"/api/v1/playlists/{playlist['id']}/order", headers=bearer(token),
                          json={"track_ids": track_ids, "version": 1})
    assert response.status_code == 422
    assert "track_ids" in response.get_json()["error"]["details"]["fields"]


@pytest.mark.parametrize("body, field", [
    ({}, "name"), ({"name": "   "}, "name"), ({"name": "n" * 101}, "name"), ({"name": 3}, "name"),
    ({"name": "ok", "track_ids": "abc"}, "track_ids"),
    ({"name": "ok", "track_ids": ["not-an-id"]}, "track_ids"),
])
def test_create_rejects_bad_input(client, body, field):
    _, token = register(client)
    response = client.post("/api/v1/playlists", headers=bearer(token), json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]["fields"]


def test_adding_a_missing_track_is_404_naming_it(client, db):
    _, token = register(client)
    playlist = create(client, token)
    ghost = str(ObjectId())
    response = client.post(f"/api/v1/playlists/{playlist['id']}/tracks", headers=bearer(token),
                           json={"track_ids": [str(insert_track_record(db)), ghost]})
    assert response.status_code == 404
    assert response.get_json()["error"]["details"]["track_ids"] == [ghost]


@pytest.mark.parametrize("body", [{"version": "1", "track_ids": []}, {"track_ids": []},
                                  {"version": True, "track_ids": []}])
def test_reorder_needs_an_integer_version(client, body):
    _, token = register(client)
    playlist = create(client, token)
    response = client.put(f"/api/v1/playlists/{playlist['id']}/order", headers=bearer(token),
                          json=body)
    assert response.status_code == 422


def test_another_users_playlist_is_404_everywhere(client, db):
    _, owner = register(client)
    _, intruder = register(client)
    track_id = insert_track_record(db)
    playlist = create(client, owner, track_ids=[track_id])
    url = f"/api/v1/playlists/{playlist['id']}"
    attempts = [
        client.get(url, headers=bearer(intruder)),
        client.patch(url, headers=bearer(intruder), json={"name": "mine now"}),
        client.delete(url, headers=bearer(intruder)),
        client.post(f"{url}/tracks", headers=bearer(intruder),
                    json={"track_ids": [str(track_id)]}),
        client.delete(f"{url}/tracks/{track_id}", headers=bearer(intruder)),
        client.put(f"{url}/order", headers=bearer(intruder),
                   json={"track_ids": [str(track_id)], "version": 1}),
    ]
    assert [response.status_code for response in attempts] == [404] * 6
    assert {response.get_json()["error"]["code"] for response in attempts} == {"not_found"}
    assert client.get("/api/v1/playlists", headers=bearer(intruder)).get_json()["total"] == 0
    untouched = client.get(url, headers=bearer(owner)).get_json()
    assert untouched["name"] == "Road trip" and untouched["version"] == 1


def test_playlists_need_a_token(client):
    assert client.get("/api/v1/playlists").status_code == 401
    assert client.post("/api/v1/playlists", json={"name": "x"}).status_code == 401


def call(base, method, path, token=None, body=None):
    """One JSON request to the live server: (status, parsed body or None)."""
    headers = {"Content-Type": "application/json", **(bearer(token) if token else {})}
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        raw = response.read()
        return response.status, json.loads(raw) if raw else None


def test_twenty_concurrent_additions_are_all_kept(live_server, db):
    base = live_server.url
    _, body = call(base, "POST", "/api/v1/auth/register",
                   body={"username": "concurrent", "password": PASSWORD})
    token = body["token"]
    _, playlist = call(base, "POST", "/api/v1/playlists", token, {"name": "Everyone adds"})
    track_ids = [str(insert_track_record(db)) for _ in range(20)]
    barrier = threading.Barrier(20)
    statuses = []

    def add(track_id):
        barrier.wait()
        status, _ = call(base, "POST", f"/api/v1/playlists/{playlist['id']}/tracks", token,
                         {"track_ids": [track_id]})
        statuses.append(status)

    threads = [threading.Thread(target=add, args=(track_id,)) for track_id in track_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    _, final = call(base, "GET", f"/api/v1/playlists/{playlist['id']}", token)
    assert sorted(final["track_ids"]) == sorted(track_ids)
    assert final["version"] == 21


def test_a_playlist_has_a_length_cap(client, db, monkeypatch):
    from server.personal import playlists

    monkeypatch.setattr(playlists, "MAX_PLAYLIST_LENGTH", 2)
    _, token = register(client)
    playlist = create(client, token, track_ids=[insert_track_record(db), insert_track_record(db)])
    response = client.post(f"/api/v1/playlists/{playlist['id']}/tracks", headers=bearer(token),
                           json={"track_ids": [str(insert_track_record(db))]})
    assert response.status_code == 422
    assert "track_ids" in response.get_json()["error"]["details"]["fields"]
