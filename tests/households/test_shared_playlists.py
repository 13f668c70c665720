"""Playlists marked shared belong to the household: every member reads them, the owner edits."""

from tests.households.support import family


def make_playlist(client, auth, track, name="Bedtime"):
    response = client.post("/api/v1/playlists", headers=auth,
                           json={"name": name, "track_ids": [str(track)]})
    assert response.status_code == 201
    return response.get_json()


def listed(client, auth):
    items = client.get("/api/v1/playlists", headers=auth).get_json()["items"]
    return [(item["name"], item["shared"]) for item in items]


def test_a_shared_playlist_is_read_by_every_member_and_changed_by_its_owner(client, db):
    from tests.accounts_helpers import insert_track_record

    people = family(client)
    parent, partner, child = (people[name][1] for name in ("parent", "partner", "child"))
    mine = make_playlist(client, parent, insert_track_record(db))
    make_playlist(client, parent, insert_track_record(db), "Parents only")
    url = f"/api/v1/playlists/{mine['id']}"
    assert client.get(url, headers=partner).status_code == 404  # personal until shared
    shared = client.patch(url, headers=parent, json={"shared": True}).get_json()
    assert shared["shared"] is True and shared["owner_id"] == people["parent"][0]["id"]
    for auth in (partner, child):
        assert listed(client, auth) == [("Bedtime", True)]
        assert client.get(url, headers=auth).get_json()["track_count"] == 1
    assert client.patch(url, headers=partner, json={"name": "Mine"}).status_code == 404
    assert client.delete(url, headers=child).status_code == 404
    assert sorted(listed(client, parent)) == [("Bedtime", True), ("Parents only", False)]
    client.patch(url, headers=parent, json={"shared": False})
    assert listed(client, partner) == []
    assert client.get(url, headers=partner).status_code == 404


def test_a_member_who_leaves_takes_their_shared_playlists_along(client, db):
    from tests.accounts_helpers import insert_track_record

    people = family(client)
    partner_id = people["partner"][0]["id"]
    theirs = make_playlist(client, people["partner"][1], insert_track_record(db), "Road trip")
    client.patch(f"/api/v1/playlists/{theirs['id']}", headers=people["partner"][1],
                 json={"shared": True})
    assert listed(client, people["parent"][1]) == [("Road trip", True)]
    assert client.delete(f"/api/v1/household/members/{partner_id}",
                         headers=people["parent"][1]).status_code == 204
    assert listed(client, people["parent"][1]) == []
    assert listed(client, people["partner"][1]) == [("Road trip", True)]


def test_shared_must_be_a_boolean(client, db):
    from tests.accounts_helpers import insert_track_record

    people = family(client)
    mine = make_playlist(client, people["parent"][1], insert_track_record(db))
    response = client.patch(f"/api/v1/playlists/{mine['id']}", headers=people["parent"][1],
                            json={"shared": "yes"})
    assert list(response.get_json()["error"]["details"]["fields"]) == ["shared"]
