"""TRUSTED_PROXIES and HTTPS: off by default (make run unchanged), exact when on."""

import logging

import pytest

from server import create_app
from server import db as database


@pytest.fixture
def app_with():
    made = []

    def make(settings):
        made.append(create_app(settings))
        return made[-1]

    yield make
    for app in made:
        database.get_client(app).close()


def logged_address(app, caplog, **headers):
    """The remote_addr of the access line for one request sent from 127.0.0.9."""
    caplog.set_level(logging.INFO, logger="tapcast.access")
    caplog.clear()
    app.test_client().get("/no-such-page", headers=headers,
                          environ_base={"REMOTE_ADDR": "127.0.0.9"})
    return [r.fields["remote_addr"] for r in caplog.records if hasattr(r, "fields")][-1]


def test_forwarded_headers_are_ignored_by_default(app, caplog):
    assert logged_address(app, caplog, **{"X-Forwarded-For": "10.1.2.3"}) == "127.0.0.9"


def test_one_trusted_proxy_gives_the_address_it_saw(app_config, app_with, caplog):
    app = app_with({**app_config, "TRUSTED_PROXIES": 1})
    # The client forged the first entry; the proxy appended the address it really saw.
    forwarded = {"X-Forwarded-For": "6.6.6.6, 192.168.1.40"}
    assert logged_address(app, caplog, **forwarded) == "192.168.1.40"


def test_https_adds_hsts(app_config, app_with):
    plain = app_with(dict(app_config)).test_client().get("/api/v1/health")
    assert "Strict-Transport-Security" not in plain.headers
    secure = app_with({**app_config, "HTTPS": True}).test_client().get("/api/v1/health")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    # https:// and wss:// links under HTTPS=1 are checked end to end in tests/front.
