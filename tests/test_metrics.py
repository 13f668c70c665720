"""/metrics: off by default, never public, counts per route rule, database failures."""

import re

import pytest

from server import create_app
from server import db as database

TOKEN = "a-metrics-token-of-some-length"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def metered_app():
    """metered_app(**settings) -> an app with metrics on; its database client closed after."""
    made = []

    def make(settings):
        made.append(create_app({**settings, "METRICS_ENABLED": True, "METRICS_TOKEN": TOKEN}))
        return made[-1]

    yield make
    for app in made:
        database.get_client(app).close()


@pytest.fixture
def metered(app_config, metered_app):
    return metered_app(app_config)


def sample(text, name, **labels):
    """The value of one sample in Prometheus' text format (None when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match and match[1] == name and ",".join(sorted((match[2] or "").split(","))) == (
                wanted if labels else ""):
            return float(match[3])
    return None


def test_off_by_default(client):
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_enabling_without_a_token_is_refused(app_config):
    from server.config import ConfigError

    with pytest.raises(ConfigError, match="METRICS_TOKEN"):
        create_app({**app_config, "METRICS_ENABLED": True, "METRICS_TOKEN": ""})


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}"])
def test_without_the_token_it_looks_like_any_unknown_path(metered, header):
    client = metered.test_client()
    headers = {"Authorization": header} if header else {}
    response = client.get("/metrics", headers=headers)
    unknown = client.get("/no-such-path")
    assert response.status_code == unknown.status_code == 404
    assert response.get_json() == unknown.get_json()


def test_requests_are_counted_by_route_rule_not_raw_path(metered):
    client = metered.test_client()
    for track_id in ("0" * 24, "1" * 24):
        assert client.get(f"/api/v1/tracks/{track_id}").status_code == 404
    text = client.get("/metrics", headers=AUTH).get_data(as_text=True)
    route = "/api/v1/tracks/<oid:track_id>"
    assert sample(text, "tapcast_http_requests_total", method="GET", route=route,
                  status="404") == 2
    assert sample(text, "tapcast_http_request_duration_seconds_count", method="GET",
                  route=route) == 2
    assert "0" * 24 not in text
    assert sample(text, "tapcast_ws_connections", kind="receiver") == 0


def test_an_unreachable_database_is_counted(app_config, metered_app, free_port_number):
    down = metered_app({**app_config, "MONGO_TIMEOUT_MS": 300,
                        "MONGO_URI": f"mongodb://127.0.0.1:{free_port_number}/"
                                     "?directConnection=true"})
    client = down.test_client()
    assert client.get("/api/v1/tracks").status_code == 503
    text = client.get("/metrics", headers=AUTH).get_data(as_text=True)
    assert sample(text, "tapcast_db_unreachable_checks_total") >= 1


@pytest.fixture
def free_port_number():
    from devtools.ferretdb import free_port

    return free_port()


def test_catalogue_sequence_and_lag(metered, make_track):
    make_track(title="Counted")
    make_track(title="Counted too")
    client = metered.test_client()
    assert client.get("/api/v1/tracks").status_code == 200  # this process catches up
    text = client.get("/metrics", headers=AUTH).get_data(as_text=True)
    assert sample(text, "tapcast_catalogue_sequence") >= 2
    assert sample(text, "tapcast_catalogue_lag") == 0
