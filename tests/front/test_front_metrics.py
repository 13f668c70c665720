"""Each process's /metrics (scraped directly, never through nginx): sockets, broker lag."""

from server.metrics.collectors import PROBE_TIMEOUT_SECONDS
from tests.front.conftest import METRICS_TOKEN
from tests.front.http import json_call, request
from tests.realtime.peers import Peer
from tests.test_metrics import sample


def scrape(process):
    status, _, body = request(process.port, "GET", "/metrics",
                              headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert status == 200
    return body.decode()


def test_live_sockets_messages_and_broker_lag(front_stack):
    _, first, _ = front_stack
    status, registration = json_call(first.port, "POST", "/api/v1/devices", {"name": "Attic"})
    assert status == 201
    before = scrape(first)
    receiver = Peer(f"{first.ws_url}/ws?device_token={registration['device_token']}")
    try:
        receiver.expect("hello")
        receiver.send("state", {"status": "idle", "position": 0, "volume": 1}, msg_id="m1")
        receiver.expect_reply("m1")
        text = scrape(first)
    finally:
        receiver.close()
    assert sample(text, "tapcast_ws_connections", kind="receiver") == sample(
        before, "tapcast_ws_connections", kind="receiver") + 1
    assert sample(text, "tapcast_ws_messages_total", direction="sent") >= 1
    assert sample(text, "tapcast_ws_messages_total", direction="received") >= 1
    # The probe went through Redis and back (PROBE_TIMEOUT_SECONDS would mean it never came).
    assert 0 <= sample(text, "tapcast_broker_lag_seconds") < PROBE_TIMEOUT_SECONDS
