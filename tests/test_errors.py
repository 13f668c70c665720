"""Every error is JSON with a code and a message; no HTML page, no stack trace."""

import pytest


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_unknown_route_is_json_404(client):
    assert_json_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method_is_json_405(client):
    response = client.delete("/api/v1/health")
    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("bad_id", ["123", "not-an-objectid", "zzzzzzzzzzzzzzzzzzzzzzzz", "%00"])
def test_oid_converter_rejects_bad_ids_as_404(app, bad_id):
    @app.get("/api/v1/probe/<oid:item_id>")
    def probe(item_id):
        return {"id": str(item_id)}

    client = app.test_client()
    assert_json_error(client.get(f"/api/v1/probe/{bad_id}"), 404, "not_found")
    assert client.get("/api/v1/probe/65a1b2c3d4e5f60718293a4b").get_json() == {
        "id": "65a1b2c3d4e5f60718293a4b"}


def test_unexpected_exception_is_generic_500(app):
    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/v1/boom")
    assert_json_error(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["page=", "page=x", "page=0", "per_page=101", "per_page=1.5"])
def test_bad_paging_is_422(app, query):
    from server.requests_util import page_of, paging

    @app.get("/api/v1/paged")
    def paged():
        return page_of([], 0, *paging())

    response = app.test_client().get(f"/api/v1/paged?{query}")
    assert_json_error(response, 422, "validation_failed")


def test_form_part_with_an_unparsable_name_is_422_not_500(app, client):
    # Found by schemathesis: a part named `"a\"` has no name once parsed (None).
    from tests.builders import admin_headers

    boundary = "b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="a\\"\r\n\r\nx\r\n'
            f"--{boundary}--\r\n").encode()
    response = client.post("/api/v1/tracks", data=body, headers=admin_headers(app),
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert_json_error(response, 422, "validation_failed")
