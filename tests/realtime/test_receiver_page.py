"""The receiver page is served at /receiver/ with its modules and stable test hooks."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

RECEIVER = Path(__file__).resolve().parents[2] / "receiver"
HOOKS = ["data-receiver", "data-connection", "data-pairing-code", "data-pairing-qr",
         "data-pairing-expires", "data-device-name", "data-player-status", "data-track-id",
         "data-now-playing", "data-track-title", "data-track-artist", "data-track-cover",
         "data-position", "data-duration", "data-audio", 'data-action="new-code"',
         'data-action="enable-sound"', 'data-action="forget"']


def fetch(client, path):
    """(response, text) with the file response closed (send_file keeps the file open)."""
    with client.get(path) as response:
        return response, response.get_data(as_text=True)


def test_receiver_page_has_its_hooks(client):
    response, page = fetch(client, "/receiver/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    for hook in HOOKS:
        assert hook in page, hook


def test_receiver_redirects_to_its_folder(client):
    response = client.get("/receiver")
    assert response.status_code == 308 and response.headers["Location"].endswith("/receiver/")


def test_receiver_modules_are_served_as_javascript(client):
    modules = sorted(path.name for path in (RECEIVER / "js").glob("*.js"))
    assert "main.js" in modules
    for name in modules:
        response, text = fetch(client, f"/receiver/js/{name}")
        assert response.status_code == 200
        assert response.mimetype == "text/javascript", name
        for imported in re.findall(r"from '\./([\w.]+)'", text):
            assert imported in modules, f"{name} imports missing {imported}"


@pytest.mark.parametrize("path", ["/receiver/../server/config.py", "/receiver/nope.js"])
def test_receiver_serves_nothing_else(client, path):
    assert fetch(client, path)[0].status_code == 404


def test_receiver_modules_run_under_node():
    node = shutil.which("node")
    assert node, "make test installs Node"
    script = """
import { reconnectDelay, MAX_DELAY_MS } from './js/backoff.js';
import { LiveSocket } from './js/socket.js';
import { Player } from './js/player.js';
import { EVENTS } from './js/constants.js';
const sent = [];
const socket = new LiveSocket(() => 'ws://unused');
socket.send = (type) => sent.push(type);
const seen = [];
socket.addEventListener('command', (e) => seen.push(e.detail.action));
socket.receive('{"type":"ping","data":{}}');
socket.receive('{"type":"command","data":{"action":"pause"}}');
socket.receive('not json');
const audio = new EventTarget();
Object.assign(audio, { paused: true, ended: false, error: null, readyState: 0,
                       currentTime: 0, duration: NaN, volume: 1 });
const player = new Player(audio);
const reports = [];
player.addEventListener('report', (e) => reports.push(e.detail));
player.starting = true;
audio.dispatchEvent(new Event('playing'));
audio.dispatchEvent(new Event('volumechange'));
console.log(JSON.stringify({
  delays: [reconnectDelay(0, () => 0), reconnectDelay(30, () => 0), MAX_DELAY_MS],
  sent, seen, reports, snapshot: player.snapshot(), events: EVENTS,
}));
"""
    result = subprocess.run([node, "--input-type=module", "-e", script], cwd=RECEIVER,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["delays"] == [500, 15000, 15000]
    assert out["sent"] == ["pong"] and out["seen"] == ["pause"]
    assert out["reports"] == ["started", "volume_changed"]
    snapshot = out["snapshot"]
    # The receiver's steady clock, which house rules count listening time by.
    assert isinstance(snapshot.pop("monotonic"), float | int)
    assert snapshot == {"status": "idle", "track_id": None, "position": 0,
                        "duration": None, "volume": 1}
    assert out["events"] == ["started", "paused", "resumed", "ended", "seeked",
                             "volume_changed", "state_changed"]
