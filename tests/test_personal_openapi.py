"""Live responses of the accounts and personal routes match their OpenAPI description."""

import io
import re

import pytest
from bson import ObjectId
from jsonschema import Draft202012Validator
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.accounts_helpers import PASSWORD, bearer, insert_track_record


class Checker:
    """Sends requests and validates each JSON answer against the documented response."""

    def __init__(self, client):
        self.client = client
        self.spec = client.get("/api/v1/openapi.json").get_json()
        self.checked = set()

    def operation(self, path, method):
        for template, item in self.spec["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            if re.match(pattern, path.split("?")[0]) and method in item:
                return template, item[method]
        raise AssertionError(f"{method} {path} is not documented")

    def __call__(self, method, path, status, **kwargs):
        response = self.client.open(path, method=method.upper(), **kwargs)
        assert response.status_code == status, response.get_data(as_text=True)
        template, operation = self.operation(path, method)
        documented = operation["responses"].get(str(status))
        assert documented, f"{method} {template} does not document {status}"
        if "$ref" in documented:
            documented = self.spec["components"]["responses"][documented["$ref"].split("/")[-1]]
        content = documented.get("content", {})
        if response.mimetype == "application/json":
            schema = content["application/json"]["schema"]
            Draft202012Validator({**schema, "components": self.spec["components"]}).validate(
                response.get_json())
        else:
            assert not response.data or response.mimetype in content
        self.checked.add((template, method, status))
        return response


@pytest.fixture
def check(client):
    return Checker(client)


def test_accounts_responses_match_the_document(check):
    body = {"username": "spec", "password": PASSWORD}
    token = check("post", "/api/v1/auth/register", 201, json=body).get_json()["token"]
    check("post", "/api/v1/auth/register", 409, json=body)
    check("post", "/api/v1/auth/register", 422, json={"username": "x"})
    check("post", "/api/v1/auth/register", 400, data="{", content_type="application/json")
    check("post", "/api/v1/auth/register", 415, data="x")
    check("post", "/api/v1/auth/login", 200, json=body)
    check("post", "/api/v1/auth/login", 401, json={**body, "password": "wrong-one"})
    check("get", "/api/v1/me", 200, headers=bearer(token))
    check("get", "/api/v1/me", 401)
    check("patch", "/api/v1/me", 200, headers=bearer(token), json={"nickname": "Spec"})
    check("patch", "/api/v1/me", 422, headers=bearer(token), json={"nickname": ""})
    image = io.BytesIO()
    Image.new("RGB", (10, 10)).save(image, format="PNG")
    boundary, data = encode_multipart({"avatar": FileStorage(io.BytesIO(image.getvalue()),
                                                             "a.png")})
    user = check("post", "/api/v1/me/avatar", 200, headers=bearer(token), data=data,
                 content_type=f"multipart/form-data; boundary={boundary}").get_json()
    with check("get", user["avatar_url"], 200):
        pass
    check("get", f"/media/avatars/{ObjectId()}", 404)
    check("post", "/api/v1/auth/logout", 204, headers=bearer(token))
    check("post", "/api/v1/auth/logout", 401, headers=bearer(token))


def test_login_rate_limit_response_matches_the_document(app, check):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 1
    check("post", "/api/v1/auth/login", 401, json={"username": "nobody", "password": "x" * 8})
    response = check("post", "/api/v1/auth/login", 429,
                     json={"username": "nobody", "password": "x" * 8})
    assert response.headers["Retry-After"].isdigit()


def test_personal_responses_match_the_document(check, db):
    token = check("post", "/api/v1/auth/register", 201,
                  json={"username": "lists", "password": PASSWORD}).get_json()["token"]
    auth = bearer(token)
    a, b = str(insert_track_record(db)), str(insert_track_record(db))
    check("put", f"/api/v1/me/favorites/{a}", 204, headers=auth)
    check("put", f"/api/v1/me/favorites/{ObjectId()}", 404, headers=auth)
    check("get", "/api/v1/me/favorites", 200, headers=auth)
    check("get", "/api/v1/me/favorites?page=0", 422, headers=auth)
    check("delete", f"/api/v1/me/favorites/{a}", 204, headers=auth)

    check("post", "/api/v1/me/history", 200, headers=auth,
          json={"track_id": a, "position": 3.5, "completed": False})
    check("post", "/api/v1/me/history", 404, headers=auth,
          json={"track_id": str(ObjectId()), "position": 1})
    check("post", "/api/v1/me/history", 422, headers=auth, json={"track_id": a})
    check("get", "/api/v1/me/history", 200, headers=auth)

    playlist = check("post", "/api/v1/playlists", 201, headers=auth,
                     json={"name": "Spec", "track_ids": [a]}).get_json()
    url = f"/api/v1/playlists/{playlist['id']}"
    check("post", "/api/v1/playlists", 404, headers=auth,
          json={"name": "x", "track_ids": [str(ObjectId())]})
    check("post", "/api/v1/playlists", 422, headers=auth, json={"name": ""})
    check("get", "/api/v1/playlists", 200, headers=auth)
    check("get", url, 200, headers=auth)
    check("get", f"/api/v1/playlists/{ObjectId()}", 404, headers=auth)
    check("patch", url, 200, headers=auth, json={"name": "Renamed"})
    check("post", f"{url}/tracks", 200, headers=auth, json={"track_ids": [b]})
    check("put", f"{url}/order", 409, headers=auth, json={"track_ids": [b, a], "version": 1})
    check("put", f"{url}/order", 200, headers=auth, json={"track_ids": [b, a], "version": 3})
    check("delete", f"{url}/tracks/{a}", 200, headers=auth)
    check("delete", url, 204, headers=auth)
    check("delete", url, 404, headers=auth)
