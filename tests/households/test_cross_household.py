"""No request of a member of household A reads or changes anything of household B.

Driven from the OpenAPI document itself: every operation it names is sent, by an adult and
by a child of A, with B's ids in every path parameter and in the body (B's receiver's code
too, where a code goes), each with a fresh token of its own (so A's sign-out or password
change cannot cut the run short). Every answer must be free of B's ids, names and texts, and
B's documents, read straight from the database, must be exactly as before. (One thing is
told by design: pairing B's receiver with its code answers 409 with B's name, to offer the
join.)
"""

import re

import pytest
from bson import ObjectId

from server.accounts import tokens
from tests.accounts_helpers import bearer
from tests.households.support import code_on_screen, family, invite, paired_receiver

SECRET_TEXT = "bravo's secret message"


def prepare_b(client, db, track):
    """Household B: two adults and a child, a receiver with a conversation, a playlist, a
    favorite, an open invitation; and the code its receiver shows."""
    people = family(client)
    parent = people["parent"][1]
    client.patch("/api/v1/household", headers=parent, json={"name": "Bravo family"})
    registration, device = paired_receiver(client, parent)
    client.post(f"/api/v1/conversations/{device['id']}/messages", headers=parent,
                json={"text": SECRET_TEXT})
    playlist = client.post("/api/v1/playlists", headers=parent,
                           json={"name": "Bravo songs", "track_ids": [track]}).get_json()
    client.put(f"/api/v1/me/favorites/{track}", headers=parent)
    household = client.get("/api/v1/household", headers=parent).get_json()
    message = db.messages.find_one({"device_id": ObjectId(device["id"])})
    return {
        "people": people, "household_id": household["id"], "device_id": device["id"],
        "playlist_id": playlist["id"], "track_id": track,
        "member_id": people["child"][0]["id"], "user_id": people["partner"][0]["id"],
        "message_id": str(message["message_id"]),
        "invite": invite(client, parent)["code"],
        "code": code_on_screen(client, registration),
    }


def markers(b):
    """Strings that only B's data contains."""
    ids = [b["household_id"], b["device_id"], b["playlist_id"], b["message_id"]]
    ids += [user["id"] for user, _ in b["people"].values()]
    return [*ids, "Bravo family", "Bravo songs", SECRET_TEXT, b["invite"], b["code"]]


def snapshot(db, b):
    """Every document of B's, as stored."""
    household = ObjectId(b["household_id"])
    device = ObjectId(b["device_id"])
    users = [ObjectId(user["id"]) for user, _ in b["people"].values()]
    queries = {
        "households": {"_id": household}, "users": {"_id": {"$in": users}},
        "devices": {"_id": device}, "device_lists": {"_id": household},
        "conversations": {"device_id": device}, "messages": {"device_id": device},
        "pairing_codes": {"device_id": device}, "household_invites": {"_id": b["invite"]},
        "playlist_lists": {"_id": {"$in": users}},
        "playlist_versions": {"_id": {"$regex": f"^{b['playlist_id']}:"}},
        "personal_entries": {"_id": {"$regex": f"^favorites:({'|'.join(map(str, users))}):"}},
    }
    return {name: sorted(map(repr, db[name].find(query))) for name, query in queries.items()}


def operations(spec):
    for template, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield template, method, operation


def resolve(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def value_for(name, schema, b, template=""):
    """B's value for a field of this name, else something of the schema's type.

    B's receiver's code goes to pairing, where it must take nothing. It is not sent to the
    join: an invitation or the code on B's receiver opens B by design, to whoever is given
    it or stands in front of it; the join gets B's ids instead."""
    if name == "code" and template != "/api/v1/devices/pair":
        return b["household_id"]
    by_name = {"device_id": b["device_id"], "playlist_id": b["playlist_id"],
               "track_id": b["track_id"], "member_id": b["member_id"],
               "user_id": b["user_id"], "message_id": b["message_id"],
               "code": b["code"], "track_ids": [b["track_id"]], "name": "Taken over",
               "role": "adult", "time_zone": "UTC", "action": "pause", "text": "hello",
               "allowed_categories": [], "version": 1}
    if name in by_name:
        return by_name[name]
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), "string") if isinstance(kind, list) else kind
    return {"integer": 1, "number": 1, "boolean": True, "array": [], "object": {}}.get(
        kind, b["device_id"])


def body_for(spec, template, operation, b):
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    schema = resolve(spec, content["application/json"]["schema"])
    props = schema.get("properties", {})
    return {name: value_for(name, resolve(spec, sub), b, template)
            for name, sub in props.items()}


def request_for(spec, template, operation, b):
    path = re.sub(r"\{([^}]+)\}", lambda m: value_for(m.group(1), {}, b), template)
    query = [f"{p['name']}={value_for(p['name'], p.get('schema', {}), b)}"
             for p in operation.get("parameters", []) if isinstance(p, dict)
             and p.get("in") == "query" and p.get("required")]
    return path + ("?" + "&".join(query) if query else ""), body_for(spec, template, operation,
                                                                      b)


@pytest.mark.parametrize("who", ["parent", "child"])
def test_no_request_of_household_a_touches_household_b(app, client, db, make_track, who):
    b = prepare_b(client, db, str(make_track()["_id"]))
    a = family(client)
    _, own = paired_receiver(client, a["parent"][1])  # A has a receiver of its own too
    a_user = a[who][0]
    before = snapshot(db, b)
    spec = client.get("/api/v1/openapi.json").get_json()
    answered, succeeded = 0, 0
    for template, method, operation in operations(spec):
        path, body = request_for(spec, template, operation, b)
        with app.app_context():
            token = tokens.issue_token(ObjectId(a_user["id"]))
        response = client.open(path, method=method.upper(), headers=bearer(token), json=body)
        text = response.get_data(as_text=True) if response.mimetype == "application/json" \
            else ""
        response.close()
        assert response.status_code < 500, (method, path, text)
        leaked = [marker for marker in markers(b) if marker in text
                  and not (template == "/api/v1/devices/pair" and marker == "Bravo family")]
        assert not leaked, (method, path, leaked)
        answered += 1
        succeeded += response.status_code < 300
    assert answered == sum(1 for _ in operations(spec))
    assert succeeded >= 15  # A's own requests work: the refusals are about B, not about A
    assert snapshot(db, b) == before
    listed = client.get("/api/v1/devices", headers=a["parent"][1]).get_json()["items"]
    assert [item["id"] for item in listed] == [own["id"]]
