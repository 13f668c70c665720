"""Builders for the household tests: people signed up through the API, receivers, invites."""

from tests.accounts_helpers import bearer, register


def sign_up(client, name=None):
    """(user JSON, auth headers) of a new account, an adult of its own new household."""
    user, token = register(client, name)
    return user, bearer(token)


def new_receiver(client):
    """A registered, unpaired receiver: its registration (device token, pairing code)."""
    response = client.post("/api/v1/devices", json={"name": "Kitchen"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def paired_receiver(client, auth):
    """A receiver paired with the household of auth: (registration, device JSON)."""
    registration = new_receiver(client)
    response = client.post("/api/v1/devices/pair", headers=auth,
                           json={"code": registration["pairing_code"]})
    assert response.status_code == 200, response.get_json()
    return registration, response.get_json()


def code_on_screen(client, registration):
    """The code a paired receiver shows when asked ("Add a phone"): a fresh pairing code."""
    response = client.post("/api/v1/devices/pairing-code",
                           headers=bearer(registration["device_token"]))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["pairing_code"]


def invite(client, auth, role="adult"):
    response = client.post("/api/v1/household/invites", headers=auth, json={"role": role})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def join(client, auth, code):
    return client.post("/api/v1/household/join", headers=auth, json={"code": code})


def family(client):
    """An adult, a second adult and a child in one household: {name: (user, auth)}."""
    people = {name: sign_up(client) for name in ("parent", "partner", "child")}
    for name, role in (("partner", "adult"), ("child", "child")):
        response = join(client, people[name][1], invite(client, people["parent"][1],
                                                         role)["code"])
        assert response.status_code == 200, response.get_json()
    return people


def error_code(response):
    return response.get_json()["error"]["code"]
