"""stream (Range, 206, no play counted; ffmpeg transcoding), download, getCoverArt."""

import os
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from server.library import ingest, store, tags
from tests.subsonic.conftest import envelope, http, rest, sid


def probe_seconds(data, tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    path.write_bytes(data)
    return tags.read_audio(path).duration


def test_stream_serves_ranges_and_counts_no_play(account, library, live_server):
    me = account()
    auth = [("apiKey", me["key"])]
    headers, whole, status = rest(live_server, "stream.view", [*auth, ("id", sid(library[0]))])
    assert status == 200 and headers["Content-Type"] == "audio/mpeg"
    assert len(whole) == library[0]["size"]
    headers, part, status = rest(live_server, "stream", [*auth, ("id", sid(library[0]))],
                                 headers={"Range": "bytes=10-109"})
    assert status == 206 and part == whole[10:110]
    headers, _, status = rest(live_server, "stream", [*auth, ("id", sid(library[0]))],
                              headers={"Range": "bytes=999999999-"})
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(whole)}"
    _, downloaded, _ = rest(live_server, "download", [*auth, ("id", sid(library[0]))])
    assert downloaded == whole
    status, track = http(live_server, "GET", f"/api/v1/tracks/{library[0]['_id']}")
    assert track["play_count"] == 0


def test_cover_art_follows_size(account, library, live_server):
    key = account()["key"]
    _, song, _ = rest(live_server, "getSong", [("apiKey", key), ("f", "json"),
                                               ("id", sid(library[0]))])
    cover = envelope(song)["song"]["coverArt"]
    headers, full, status = rest(live_server, "getCoverArt", [("apiKey", key), ("id", cover)])
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    _, thumb, _ = rest(live_server, "getCoverArt", [("apiKey", key), ("id", cover),
                                                    ("size", "100")])
    assert thumb[:2] == b"\xff\xd8" and len(thumb) < len(full)
    _, missing, _ = rest(live_server, "getCoverArt", [("apiKey", key), ("f", "json"),
                                                      ("id", "tr-" + "0" * 24 + "-ab")])
    assert envelope(missing)["error"]["code"] == 70


def encoded_track(app, folder, source, kbps):
    """A track encoded by ffmpeg from a lavfi source (noise: the builders' tones compress to
    almost nothing) at kbps."""
    path = Path(folder) / f"{source.replace(':', '-').replace('=', '')}-{kbps}.mp3"
    if not path.exists():
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                        source, "-b:a", f"{kbps}k", str(path)], check=True)
    with app.app_context():
        info = tags.read_audio(path)
        with store.stage_file(path) as staged:
            return ingest.add_track(staged, info, {"title": "Noise", "artist": "Static",
                                                   "album": None, "category": "Tests",
                                                   "tags": []}, {})


def test_transcoding_to_mp3_and_opus_with_offset(app, audio_dir, account, live_server,
                                                 tmp_path):
    doc = encoded_track(app, audio_dir, "anoisesrc=d=8:a=0.3", 320)
    key = account()["key"]
    auth = [("apiKey", key), ("id", sid(doc))]
    headers, low, status = rest(live_server, "stream", [*auth, ("maxBitRate", "32")])
    assert status == 200 and headers["Content-Type"] == "audio/mpeg"
    assert len(low) < doc["size"] and 7 <= probe_seconds(low, tmp_path, ".mp3") <= 9
    headers, opus, _ = rest(live_server, "stream", [*auth, ("format", "opus"),
                                                    ("timeOffset", "5")])
    assert headers["Content-Type"] == "audio/ogg" and opus[:4] == b"OggS"
    assert 2 <= probe_seconds(opus, tmp_path, ".opus") <= 4
    _, raw, _ = rest(live_server, "stream", [*auth, ("format", "raw"), ("maxBitRate", "32")])
    assert len(raw) == doc["size"]


def long_track(app, folder):
    """Half an hour: its transcoding outlasts the test, and its output fills the socket."""
    return encoded_track(app, folder, "sine=f=220:d=1800", 8)


def ffmpeg_children(pid):
    """ffmpeg processes whose parent is pid (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and cmdline.startswith(b"ffmpeg"):
            found.append(int(entry.name))
    return found


def test_transcoding_stops_when_the_client_goes_away(app, audio_dir, account, live_server):
    doc = long_track(app, audio_dir)
    key = account()["key"]
    query = urllib.parse.urlencode([("apiKey", key), ("id", sid(doc)), ("format", "opus")])
    response = urllib.request.urlopen(f"{live_server.url}/rest/stream?{query}", timeout=30)
    assert response.read(1000)
    assert ffmpeg_children(live_server.process.pid), "ffmpeg should be running"
    response.close()
    deadline = time.monotonic() + 20
    while ffmpeg_children(live_server.process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ffmpeg_children(live_server.process.pid) == []


def test_transcodings_are_bounded(app, audio_dir, account, live_server):
    """TRANSCODE_MAX_PROCESSES (2) run at once; a third waits, then is refused with error 0."""
    doc = long_track(app, audio_dir)
    key = account()["key"]
    query = urllib.parse.urlencode([("apiKey", key), ("id", sid(doc)), ("format", "opus"),
                                    ("f", "json")])
    url = f"{live_server.url}/rest/stream?{query}"
    held = [urllib.request.urlopen(url, timeout=30) for _ in range(2)]
    try:
        for response in held:
            assert response.read(100)
        with urllib.request.urlopen(url, timeout=30) as third:
            assert third.headers["Content-Type"] == "application/json"
            assert envelope(third.read())["error"]["code"] == 0
    finally:
        for response in held:
            response.close()
    assert os.environ.get("TRANSCODE_MAX_PROCESSES") in (None, "", "2")


def test_the_apps_data_saver_transcodes_media_audio(app, audio_dir, live_server):
    doc = encoded_track(app, audio_dir, "anoisesrc=d=8:a=0.3", 320)
    path = f"/media/tracks/{doc['_id']}/audio"
    with urllib.request.urlopen(f"{live_server.url}{path}?max_bitrate=64", timeout=30) as got:
        assert got.headers["Content-Type"] == "audio/mpeg"
        assert len(got.read()) < doc["size"] / 3
    status, body = http(live_server, "GET", f"{path}?max_bitrate=5")
    assert status == 422 and "max_bitrate" in body["error"]["details"]["fields"]
