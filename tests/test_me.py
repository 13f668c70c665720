"""GET/PATCH /api/v1/me, password change, and avatars."""

import io

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.accounts_helpers import PASSWORD, bearer, register

NEW_PASSWORD = "a brand new secret"


def image_bytes(fmt="PNG", size=(600, 400), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def upload(client, token, data, filename="me.png"):
    # Encoded in memory: the test client would spool a big body to a file it never closes.
    boundary, body = encode_multipart({"avatar": FileStorage(io.BytesIO(data), filename)})
    return client.post("/api/v1/me/avatar", headers=bearer(token), data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def test_get_me_needs_a_token(client):
    assert client.get("/api/v1/me").status_code == 401


def test_patch_nickname(client):
    _, token = register(client, "anna")
    response = client.patch("/api/v1/me", json={"nickname": "  Mum  "}, headers=bearer(token))
    assert response.status_code == 200
    assert response.get_json()["nickname"] == "Mum"
    assert client.get("/api/v1/me", headers=bearer(token)).get_json()["nickname"] == "Mum"


@pytest.mark.parametrize("body, field", [
    ({"nickname": ""}, "nickname"),
    ({"nickname": "x" * 65}, "nickname"),
    ({"username": "other"}, "username"),
    ({"is_admin": True}, "is_admin"),
    ({"current_password": PASSWORD}, "new_password"),
    ({"new_password": NEW_PASSWORD}, "current_password"),
    ({"current_password": "wrong-password", "new_password": NEW_PASSWORD}, "current_password"),
    ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
])
def test_patch_me_rejects_bad_fields(client, body, field):
    _, token = register(client, "bella")
    response = client.patch("/api/v1/me", json=body, headers=bearer(token))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]["fields"]


def test_bad_nickname_leaves_the_password_unchanged(client):
    _, token = register(client, "cleo")
    client.patch("/api/v1/me", json={"nickname": "", "current_password": PASSWORD,
                                     "new_password": NEW_PASSWORD}, headers=bearer(token))
    assert client.post("/api/v1/auth/login",
                       json={"username": "cleo", "password": PASSWORD}).status_code == 200


def test_password_change_revokes_other_tokens_and_keeps_this_one(client):
    _, token = register(client, "dora")
    other = client.post("/api/v1/auth/login",
                        json={"username": "dora", "password": PASSWORD}).get_json()["token"]
    response = client.patch("/api/v1/me", headers=bearer(token),
                            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 200
    refused = client.get("/api/v1/me", headers=bearer(other))
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "invalid_token"
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert client.post("/api/v1/auth/login",
                       json={"username": "dora", "password": PASSWORD}).status_code == 401
    assert client.post("/api/v1/auth/login",
                       json={"username": "dora", "password": NEW_PASSWORD}).status_code == 200


def test_guessing_the_current_password_is_slowed(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    _, token = register(client, "edna")
    body = {"current_password": "not-it-at-all", "new_password": NEW_PASSWORD}
    for _ in range(2):
        assert client.patch("/api/v1/me", json=body, headers=bearer(token)).status_code == 422
    response = client.patch("/api/v1/me", json=body, headers=bearer(token))
    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_avatar_upload_is_normalised_and_served(client, media_root):
    _, token = register(client, "fay")
    response = upload(client, token, image_bytes("JPEG"), "photo.jpg")
    assert response.status_code == 200
    avatar_url = response.get_json()["avatar_url"]
    assert avatar_url.startswith("/media/avatars/")
    assert client.get("/api/v1/me", headers=bearer(token)).get_json()["avatar_url"] == avatar_url

    with client.get(avatar_url) as served:  # send_file streams: close the file
        assert served.status_code == 200
        assert served.mimetype == "image/png"
        image = Image.open(io.BytesIO(served.data))
        assert image.format == "PNG"
        assert max(image.size) == 256
    with client.get(avatar_url, headers={"If-None-Match": served.headers["ETag"]}) as again:
        assert again.status_code == 304
    assert not list((media_root / "avatars").glob(".upload-*"))


def test_new_avatar_replaces_the_old_file(client, media_root):
    user, token = register(client, "gina")
    first = upload(client, token, image_bytes(color=(1, 2, 3))).get_json()["avatar_url"]
    second = upload(client, token, image_bytes(color=(9, 8, 7))).get_json()["avatar_url"]
    assert first != second
    assert len(list((media_root / "avatars").glob(f"{user['id']}-*"))) == 1


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 50,
                                  image_bytes("PNG")[:60]])
def test_avatar_that_is_not_an_image_is_422(client, data):
    _, token = register(client, "hana")
    response = upload(client, token, data)
    assert response.status_code == 422
    assert "avatar" in response.get_json()["error"]["details"]["fields"]


def test_avatar_in_an_unaccepted_format_is_422(client):
    _, token = register(client, "ines")
    response = upload(client, token, image_bytes("BMP"), "me.bmp")
    assert response.status_code == 422


@pytest.mark.parametrize("size", [(12000, 12000), (6300, 6300)])
def test_avatar_decompression_bomb_is_refused(client, size):
    _, token = register(client, "jane")
    bomb = io.BytesIO()
    Image.new("1", size).save(bomb, format="PNG")  # a tiny file of 40 to 144 Mpixels
    response = upload(client, token, bomb.getvalue())
    assert response.status_code == 422


def test_avatar_of_a_phone_photo_size_is_accepted(client):
    _, token = register(client, "jill")
    assert upload(client, token, image_bytes("PNG", size=(4032, 3024))).status_code == 200


def test_avatar_over_the_size_limit_is_413(app, client):
    app.config["AVATAR_MAX_MB"] = 1
    _, token = register(client, "kate")
    response = upload(client, token, b"\0" * (1024 * 1024 + 10))
    assert response.status_code == 413


def test_avatar_upload_without_the_file_field_is_422(client):
    _, token = register(client, "lara")
    response = client.post("/api/v1/me/avatar", headers=bearer(token),
                           data={"other": "x"}, content_type="multipart/form-data")
    assert response.status_code == 422


def test_user_without_avatar_is_404(client):
    user, _ = register(client, "mona")
    assert client.get(f"/media/avatars/{user['id']}").status_code == 404
    assert client.get("/media/avatars/not-an-id").status_code == 404
