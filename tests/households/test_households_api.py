"""The household routes in-process against the real database: roles, invites, joins, rules."""

from datetime import timedelta

import pytest

from server.jsonutil import utcnow
from tests.households.support import (
    code_on_screen,
    error_code,
    family,
    invite,
    join,
    new_receiver,
    paired_receiver,
    sign_up,
)


def test_signing_up_founds_a_household_with_one_adult(client):
    user, auth = sign_up(client, "ana")
    household = client.get("/api/v1/household", headers=auth).get_json()
    assert (household["name"], household["time_zone"], household["role"]) == (
        "ana's household", "UTC", "adult")
    members = client.get("/api/v1/household/members", headers=auth).get_json()
    assert [(m["id"], m["role"]) for m in members["items"]] == [(user["id"], "adult")]


def test_an_adult_renames_the_household_and_sets_its_time_zone(client):
    _, auth = sign_up(client)
    response = client.patch("/api/v1/household", headers=auth,
                            json={"name": " The Millers ", "time_zone": "Europe/Berlin"})
    assert response.status_code == 200
    assert (response.get_json()["name"], response.get_json()["time_zone"]) == (
        "The Millers", "Europe/Berlin")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", "", " UTC", 5, None,
                                  "Europe/Berlin" * 10])
def test_an_unknown_time_zone_is_refused_naming_the_field(client, zone):
    _, auth = sign_up(client)
    response = client.patch("/api/v1/household", headers=auth, json={"time_zone": zone})
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]["fields"]) == ["time_zone"]
    assert client.get("/api/v1/household", headers=auth).get_json()["time_zone"] == "UTC"


def test_unknown_fields_are_refused(client):
    _, auth = sign_up(client)
    response = client.patch("/api/v1/household", headers=auth, json={"owner": "me"})
    assert response.status_code == 422


def test_an_invite_brings_in_an_adult_once(client):
    _, parent = sign_up(client, "parent")
    newcomer, partner = sign_up(client)
    code = invite(client, parent)["code"]
    response = join(client, partner, code.lower())
    assert response.status_code == 200
    assert (response.get_json()["name"], response.get_json()["role"]) == (
        "parent's household", "adult")
    ids = [m["id"] for m in client.get("/api/v1/household/members",
                                       headers=parent).get_json()["items"]]
    assert newcomer["id"] in ids and len(ids) == 2
    _, third = sign_up(client)
    used = join(client, third, code)
    assert (used.status_code, error_code(used)) == (404, "invalid_invite")


def test_an_expired_invite_is_refused(client, db):
    _, parent = sign_up(client)
    _, other = sign_up(client)
    code = invite(client, parent)["code"]
    past = utcnow() - timedelta(seconds=1)
    db.household_invites.update_one({"_id": code}, {"$set": {"expires_at": past}})
    db.households.update_one({"invites.code": code}, {"$set": {"invites.0.expires_at": past}})
    response = join(client, other, code)
    assert (response.status_code, error_code(response)) == (404, "invalid_invite")


def test_open_invitations_are_listed_with_their_qr_code(client):
    _, parent = sign_up(client)
    made = invite(client, parent, "child")
    listed = client.get("/api/v1/household/invites", headers=parent).get_json()["items"]
    assert [(item["code"], item["role"]) for item in listed] == [(made["code"], "child")]
    qr = client.get(made["qr_url"])
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert client.get("/api/v1/household/invite-qr.svg?code=<svg>").status_code == 422


@pytest.mark.parametrize("code", ["", "   ", "ZZZZZZZZ", "AB", "x" * 33, 12, None])
def test_a_wrong_code_joins_nothing(client, code):
    _, auth = sign_up(client)
    before = client.get("/api/v1/household", headers=auth).get_json()
    response = join(client, auth, code)
    assert response.status_code in (404, 422)
    assert client.get("/api/v1/household", headers=auth).get_json() == before


def test_a_child_token_on_an_adult_route_is_forbidden(client):
    people = family(client)
    child = people["child"][1]
    registration = new_receiver(client)
    parent_id = people["parent"][0]["id"]
    for method, path, body in (
            ("patch", "/api/v1/household", {"name": "Mine now"}),
            ("post", "/api/v1/household/invites", {}),
            ("get", "/api/v1/household/invites", None),
            ("patch", f"/api/v1/household/members/{parent_id}", {"role": "child"}),
            ("delete", f"/api/v1/household/members/{parent_id}", None),
            ("post", "/api/v1/devices/pair", {"code": registration["pairing_code"]}),
            ("post", "/api/v1/household/join", {"code": "ABCDEFGH"})):
        response = client.open(path, method=method.upper(), headers=child, json=body)
        assert (response.status_code, error_code(response)) == (403, "adult_required"), path
    assert client.get("/api/v1/household", headers=child).get_json()["role"] == "child"


def test_the_last_adult_can_neither_leave_nor_become_a_child(client):
    people = family(client)
    parent, partner = people["parent"], people["partner"]
    assert client.delete(f"/api/v1/household/members/{partner[0]['id']}",
                         headers=parent[1]).status_code == 204
    for response in (
            client.delete(f"/api/v1/household/members/{parent[0]['id']}", headers=parent[1]),
            client.patch(f"/api/v1/household/members/{parent[0]['id']}", headers=parent[1],
                         json={"role": "child"})):
        assert (response.status_code, error_code(response)) == (409, "last_adult")
    assert client.get("/api/v1/household", headers=parent[1]).get_json()["role"] == "adult"


def test_a_child_gets_allowed_categories(client):
    people = family(client)
    child = people["child"]
    response = client.patch(f"/api/v1/household/members/{child[0]['id']}",
                            headers=people["partner"][1],
                            json={"allowed_categories": ["Stories", "Songs", "Songs"]})
    assert response.status_code == 200
    assert response.get_json()["allowed_categories"] == ["Songs", "Stories"]
    seen = client.get("/api/v1/household", headers=child[1]).get_json()
    assert seen["allowed_categories"] == ["Songs", "Stories"]
    bad = client.patch(f"/api/v1/household/members/{child[0]['id']}",
                       headers=people["partner"][1], json={"allowed_categories": "all"})
    assert list(bad.get_json()["error"]["details"]["fields"]) == ["allowed_categories"]


def test_a_removed_member_loses_the_households_receivers_at_once(client):
    people = family(client)
    _, device = paired_receiver(client, people["parent"][1])
    partner = people["partner"]
    assert client.get(f"/api/v1/devices/{device['id']}", headers=partner[1]).status_code == 200
    assert client.delete(f"/api/v1/household/members/{partner[0]['id']}",
                         headers=people["parent"][1]).status_code == 204
    assert client.get(f"/api/v1/devices/{device['id']}", headers=partner[1]).status_code == 404
    assert client.get("/api/v1/devices", headers=partner[1]).get_json()["total"] == 0
    own = client.get("/api/v1/household", headers=partner[1]).get_json()
    assert own["role"] == "adult" and own["name"] != "parent's household"
    assert client.post(f"/api/v1/conversations/{device['id']}/messages", headers=partner[1],
                       json={"text": "still here?"}).status_code == 404


def test_an_adult_leaves_into_a_household_of_their_own(client):
    people = family(client)
    partner = people["partner"]
    assert client.delete(f"/api/v1/household/members/{partner[0]['id']}",
                         headers=partner[1]).status_code == 204
    members = client.get("/api/v1/household/members", headers=partner[1]).get_json()["items"]
    assert [m["id"] for m in members] == [partner[0]["id"]]


def test_pairing_another_households_receiver_takes_nothing_and_offers_the_join(client):
    _, parent = sign_up(client, "first")
    registration, device = paired_receiver(client, parent)
    _, partner = sign_up(client)
    code = code_on_screen(client, registration)
    refused = client.post("/api/v1/devices/pair", headers=partner, json={"code": code})
    assert (refused.status_code, error_code(refused)) == (409, "household_join_required")
    assert refused.get_json()["error"]["details"]["household"] == {
        "name": "first's household"}
    assert client.get(f"/api/v1/devices/{device['id']}", headers=parent).status_code == 200
    joined = join(client, partner, code)
    assert joined.status_code == 200 and joined.get_json()["role"] == "adult"
    listed = client.get("/api/v1/devices", headers=partner).get_json()["items"]
    assert [item["id"] for item in listed] == [device["id"]]


def test_a_lone_joiner_brings_their_receivers_along(client):
    _, parent = sign_up(client)
    _, partner = sign_up(client)
    _, theirs = paired_receiver(client, partner)
    assert join(client, partner, invite(client, parent)["code"]).status_code == 200
    listed = client.get("/api/v1/devices", headers=parent).get_json()["items"]
    assert [item["id"] for item in listed] == [theirs["id"]]


def test_a_member_of_the_household_cannot_join_it_again(client):
    people = family(client)
    code = invite(client, people["parent"][1])["code"]
    response = join(client, people["partner"][1], code)
    assert response.status_code == 200
    listed = client.get("/api/v1/household/invites", headers=people["parent"][1]).get_json()
    assert [item["code"] for item in listed["items"]] == [code]  # not used up
