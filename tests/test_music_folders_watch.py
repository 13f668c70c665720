"""The watcher in a running server: new and deleted files picked up, by inotify or by polling."""

import os
import time

import pytest

from devtools.liveserver import LiveServer
from tests import builders
from tests.catalogue_helpers import get_json
from tests.music_folders_helpers import LIBRARY, copy, write_library

WAIT_SECONDS = 30  # generous: the watcher scans ~1 s after a change; two shared cores


@pytest.fixture
def music(tmp_path, audio_dir):
    return write_library(tmp_path / "music", audio_dir)


def titles(server):
    status, page = get_json(server, "/api/v1/tracks?per_page=100")
    assert status == 200
    return {track["title"] for track in page["items"]}


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {WAIT_SECONDS} s: {what}")


@pytest.mark.parametrize("watch", ["auto", "poll"])
def test_running_server_picks_up_new_and_deleted_files(app, app_config, music, tmp_path,
                                                       audio_dir, watch):
    env = {**{k: str(v) for k, v in app_config.items()}, "TAPCAST_ENV": "testing",
           "MUSIC_FOLDERS": str(music), "MUSIC_WATCH": watch, "MUSIC_RESCAN_SECONDS": "1"}
    with LiveServer(env, log_path=tmp_path / "server.log") as server:
        wait_until(lambda: len(titles(server)) == len(LIBRARY), "the scan at start")
        new = builders.make_audio(audio_dir, seconds=1.0, freq=880, title="Arrived Later")
        staged = copy(new, tmp_path / "staging" / "later.mp3")
        os.rename(staged, music / "Rock" / "later.mp3")  # appears whole, as a finished copy
        wait_until(lambda: "Arrived Later" in titles(server), "the new file")
        (music / "Stories/five.ogg").unlink()
        wait_until(lambda: "Five Vorbis" not in titles(server), "the deleted file")
