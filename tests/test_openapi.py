"""The OpenAPI document describes exactly the routes the app serves."""

import re

DOCUMENTED_PREFIXES = ("/api/", "/media/")
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def flask_operations(app):
    """{(openapi_path, method)} for every API and media rule of the app."""
    operations = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(DOCUMENTED_PREFIXES) or rule.websocket:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - IGNORED_METHODS:
            operations.add((path, method.lower()))
    return operations


def spec_operations(spec):
    return {(path, method) for path, item in spec["paths"].items() for method in item
            if method in {"get", "post", "put", "patch", "delete"}}


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.1")
    assert "Error" in spec["components"]["schemas"]


def test_every_route_is_documented_and_nothing_else(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    served, documented = flask_operations(app), spec_operations(spec)
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented operations the app does not serve"


def test_every_operation_documents_its_responses(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert operation.get("responses"), f"{method} {path} documents no response"


def test_api_docs_page_is_html(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
