"""HTTPS at home: `tls init` certificates, nginx terminating TLS, HSTS, https/wss links."""

import http.client
import json
import socket
import ssl
import subprocess
import sys

import pytest

from deploy.nginx_conf import PROJECT_ROOT, FrontSettings
from devtools.ferretdb import free_port
from devtools.front import FrontServer
from devtools.liveserver import LiveServer
from tests.realtime.peers import Peer

PASSWORD = "front-door-pass-9"


@pytest.fixture(scope="module")
def tls_stack(app_config, tmp_path_factory):
    """(nginx with TLS, its CA file): one server process with HTTPS=1 behind it."""
    work = tmp_path_factory.mktemp("tls")
    result = subprocess.run([sys.executable, "-m", "server", "tls", "init", "--dir",
                             str(work / "tls"), "--name", "tapcast.home", "--ip", "127.0.0.1"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "TAPCAST_ENV": "testing"})
    assert result.returncode == 0, result.stderr
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", TRUSTED_PROXIES="1", HTTPS="1",
               MEDIA_ACCEL_REDIRECT="1", CORS_ORIGINS="null")
    with LiveServer(env, log_path=work / "server.log") as server:
        settings = FrontSettings(upstreams=[f"127.0.0.1:{server.port}"], run_dir=work / "nginx",
                                 media_root=app_config["MEDIA_ROOT"],
                                 tls_listen=f"127.0.0.1:{free_port()}",
                                 tls_cert=str(work / "tls" / "server.crt"),
                                 tls_key=str(work / "tls" / "server.key"),
                                 ca_cert=str(work / "tls" / "ca.crt"))
        settings.listen = f"127.0.0.1:{free_port()}"
        with FrontServer(settings) as front:
            yield front, work / "tls" / "ca.crt"


def https(front, ca, method, path, body=None, token=None, hostname="tapcast.home"):
    """(status, headers, JSON body) over TLS, trusting only the local authority."""
    context = ssl.create_default_context(cafile=str(ca))
    connection = http.client.HTTPSConnection("127.0.0.1", front.port, context=context,
                                             timeout=15)
    connection.sock = context.wrap_socket(
        socket.create_connection(("127.0.0.1", front.port), timeout=15),
        server_hostname=hostname)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, body=json.dumps(body) if body is not None else None,
                       headers=headers)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    return response.status, response.headers, json.loads(raw) if raw else None


@pytest.mark.parametrize("hostname", ["tapcast.home", "127.0.0.1"])
def test_the_certificate_is_trusted_through_the_local_authority(tls_stack, hostname):
    front, ca = tls_stack
    status, headers, body = https(front, ca, "GET", "/api/v1/health", hostname=hostname)
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"


def test_without_the_authority_the_certificate_is_refused(tls_stack):
    front, _ = tls_stack
    context = ssl.create_default_context()
    with pytest.raises(ssl.SSLCertVerificationError):
        context.wrap_socket(socket.create_connection(("127.0.0.1", front.port)),
                            server_hostname="tapcast.home")


def test_plain_http_offers_the_root_and_redirects_the_rest(tls_stack):
    front, ca = tls_stack
    http_port = int(front.settings.listen.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/tapcast-ca.crt")
    response = connection.getresponse()
    assert (response.status, response.read()) == (200, ca.read_bytes())
    connection.request("GET", "/api/v1/health", headers={"Host": "tapcast.home"})
    response = connection.getresponse()
    response.read()
    assert response.status == 301
    assert response.headers["Location"] == f"https://tapcast.home:{front.port}/api/v1/health"
    connection.close()


def test_receivers_get_https_links_over_wss(tls_stack, make_track):
    front, ca = tls_stack
    _, _, signup = https(front, ca, "POST", "/api/v1/auth/register",
                         {"username": "tlsphone", "password": PASSWORD})
    _, _, registration = https(front, ca, "POST", "/api/v1/devices", {"name": "Den"})
    _, _, device = https(front, ca, "POST", "/api/v1/devices/pair",
                         {"code": registration["pairing_code"]}, token=signup["token"])
    # The page's own origin: accepted only if the server knows the request came over HTTPS.
    options = {"sslopt": {"ca_certs": str(ca), "server_hostname": "tapcast.home"},
               "origin": f"https://127.0.0.1:{front.port}"}
    base = f"wss://127.0.0.1:{front.port}/ws"
    receiver = Peer(f"{base}?device_token={registration['device_token']}", **options)
    phone = Peer(f"{base}?token={signup['token']}", **options)
    try:
        receiver.expect("hello")
        phone.expect("hello")
        track = make_track(title="Secure", seconds=1.0, freq=650)
        phone.send("command", {"device_id": device["id"], "action": "play",
                               "track_ids": [str(track["_id"])]}, msg_id="s1")
        assert phone.expect_reply("s1")["type"] == "ack"
        url = receiver.expect("command")["data"]["audio_url"]
        assert url == f"https://127.0.0.1:{front.port}/media/tracks/{track['_id']}/audio"
    finally:
        receiver.close()
        phone.close()
