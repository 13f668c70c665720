"""Music folders in a running server: refused at start when unusable, scanned on first start."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from devtools.liveserver import ROOT, LiveServer
from server import create_app
from server import db as database
from server.config import ConfigError
from server.library import scan_lock
from tests.accounts_helpers import bearer
from tests.catalogue_helpers import call, get_json
from tests.music_folders_helpers import LIBRARY, checksums, write_library

SCAN_WAIT_SECONDS = 60  # generous: two cores shared with other test runs


@pytest.fixture
def music(tmp_path, audio_dir):
    return write_library(tmp_path / "music", audio_dir)


@pytest.mark.parametrize("case", ["absent", "relative", "a file", "nested", "same", "store"])
def test_unusable_music_folders_are_refused_naming_them(app_config, tmp_path, case):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "f.mp3").write_text("x")
    folders, named = {
        "absent": ([str(tmp_path / "nope")], "nope"),
        "relative": (["music"], "music"),
        "a file": ([str(tmp_path / "f.mp3")], "f.mp3"),
        "nested": ([str(tmp_path / "a"), str(tmp_path / "a" / "b")], "overlap"),
        "same": ([str(tmp_path / "a"), str(tmp_path / "a") + "/"], "overlap"),
        "store": ([str(app_config["MEDIA_ROOT"])], "overlaps MEDIA_ROOT"),
    }[case]
    with pytest.raises(ConfigError, match=named):
        create_app({**app_config, "MUSIC_FOLDERS": folders})


def test_server_refuses_to_start_with_a_missing_folder(tmp_path):
    env = {**os.environ, "TAPCAST_ENV": "testing", "MUSIC_FOLDERS": str(tmp_path / "gone")}
    result = subprocess.run([sys.executable, "-m", "server"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"music folder '{tmp_path / 'gone'}' does not exist" in result.stderr


def test_only_one_process_scans(music_app_runner):
    with music_app_runner.app.app_context(), scan_lock.held():
        busy = music_app_runner.invoke(args=["scan"])
        idle = music_app_runner.invoke(args=["scan", "--if-idle"])
    assert busy.exit_code != 0 and "another process is scanning" in busy.output
    assert idle.exit_code == 0 and "not starting another" in idle.output


@pytest.fixture
def music_app_runner(app, app_config, music):
    folder_app = create_app({**app_config, "MUSIC_FOLDERS": [str(music)]})
    yield folder_app.test_cli_runner()
    database.get_client(folder_app).close()


def test_server_scans_its_folders_on_first_start(app, app_config, music, tmp_path):
    before = checksums(music)
    env = {**{k: str(v) for k, v in app_config.items()}, "TAPCAST_ENV": "testing",
           "MUSIC_FOLDERS": str(music)}
    with LiveServer(env, log_path=tmp_path / "server.log") as server:
        assert get_json(server, "/api/v1/scan")[0] == 401
        status, body = call(server, "POST", "/api/v1/auth/register",
                            {"username": "listener", "password": "correct horse battery"})
        assert status == 201
        scan = wait_for_scan(server, bearer(body["token"]))
        assert scan["counts"]["added"] == len(LIBRARY) and scan["folders"] == [str(music)]
        status, page = get_json(server, "/api/v1/tracks?per_page=100")
        assert sorted(t["title"] for t in page["items"]) == sorted(
            tags["title"] for _, tags, _ in LIBRARY.values())
        one = next(t for t in page["items"] if t["title"] == "One Song")
        with urllib.request.urlopen(server.url + one["audio_url"], timeout=30) as response:
            assert response.read() == (music / "Rock/Band/one.mp3").read_bytes()
    assert checksums(music) == before


def wait_for_scan(server, headers):
    """The scan's status once it is done (polling GET /api/v1/scan)."""
    deadline = time.monotonic() + SCAN_WAIT_SECONDS
    while time.monotonic() < deadline:
        status, body = call(server, "GET", "/api/v1/scan", headers=headers)
        assert status == 200
        if body["state"] == "done":
            return body
        assert body["state"] in ("idle", "scanning")
        time.sleep(0.2)
    raise AssertionError(f"no finished scan within {SCAN_WAIT_SECONDS} s: {body}")
