"""Live answers of the household routes match their OpenAPI description."""

import pytest
from bson import ObjectId

from tests.households.support import code_on_screen, family, paired_receiver, sign_up
from tests.test_personal_openapi import Checker


@pytest.fixture
def check(client):
    return Checker(client)


def test_household_responses_match_the_document(check, client):
    people = family(client)
    parent, child = people["parent"][1], people["child"][1]
    partner_id, child_id = people["partner"][0]["id"], people["child"][0]["id"]
    check("get", "/api/v1/household", 200, headers=parent)
    check("get", "/api/v1/household", 401)
    check("patch", "/api/v1/household", 200, headers=parent, json={"time_zone": "Asia/Tokyo"})
    check("patch", "/api/v1/household", 422, headers=parent, json={"time_zone": "Nowhere/X"})
    check("patch", "/api/v1/household", 403, headers=child, json={"name": "Kids rule"})
    check("patch", "/api/v1/household", 400, headers=parent, data="{",
          content_type="application/json")
    check("get", "/api/v1/household/members", 200, headers=child)
    check("patch", f"/api/v1/household/members/{child_id}", 200, headers=parent,
          json={"allowed_categories": ["Stories"]})
    check("patch", f"/api/v1/household/members/{ObjectId()}", 404, headers=parent,
          json={"role": "adult"})
    check("get", f"/api/v1/household/members/{child_id}/report", 200, headers=child)
    check("get", f"/api/v1/household/members/{partner_id}/report", 403, headers=child)
    check("get", f"/api/v1/household/members/{ObjectId()}/report", 404, headers=parent)
    check("get", f"/api/v1/household/members/{child_id}/report?from=x", 422, headers=parent)
    check("get", "/api/v1/household/invites", 200, headers=parent)
    made = check("post", "/api/v1/household/invites", 201, headers=parent,
                 json={"role": "child"}).get_json()
    check("post", "/api/v1/household/invites", 422, headers=parent, json={"role": "boss"})
    with check("get", made["qr_url"], 200):
        pass
    check("get", "/api/v1/household/invite-qr.svg?code=x", 422)
    _, stranger = sign_up(client)
    check("post", "/api/v1/household/join", 404, headers=stranger, json={"code": "ZZZZZZZZ"})
    check("post", "/api/v1/household/join", 200, headers=stranger, json={"code": made["code"]})
    check("delete", f"/api/v1/household/members/{partner_id}", 204, headers=parent)
    check("delete", f"/api/v1/household/members/{partner_id}", 404, headers=parent)
    own = people["parent"][0]["id"]
    check("delete", f"/api/v1/household/members/{own}", 409, headers=parent)
    check("post", "/api/v1/household/invites", 403, headers=child, json={})


def test_pairing_another_households_receiver_matches_the_document(check, client):
    _, first = sign_up(client)
    registration, _ = paired_receiver(client, first)
    _, second = sign_up(client)
    check("post", "/api/v1/devices/pair", 409, headers=second,
          json={"code": code_on_screen(client, registration)})
