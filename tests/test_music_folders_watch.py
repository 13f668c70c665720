"""The watcher in a running server: new and deleted files and folder covers picked up, by
inotify or by polling."""

import os
import time

import pytest

from devtools.liveserver import LiveServer
from server.library import covers
from tests import builders
from tests.catalogue_helpers import get_json
from tests.music_folders_helpers import LIBRARY, copy, write_library

WAIT_SECONDS = 30  # generous: the watcher scans ~1 s after a change; two shared cores


@pytest.fixture
def music(tmp_path, audio_dir):
    return write_library(tmp_path / "music", audio_dir)


def listed(server):
    status, page = get_json(server, "/api/v1/tracks?per_page=100")
    assert status == 200
    return {track["title"]: track for track in page["items"]}


def titles(server):
    return set(listed(server))


def has_cover(server, title):
    return listed(server)[title]["has_cover"]


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {WAIT_SECONDS} s: {what}")


def watched(app_config, music, watch):
    return {**{k: str(v) for k, v in app_config.items()}, "TAPCAST_ENV": "testing",
            "MUSIC_FOLDERS": str(music), "MUSIC_WATCH": watch, "MUSIC_RESCAN_SECONDS": "1"}


@pytest.mark.parametrize("watch", ["auto", "poll"])
def test_running_server_picks_up_new_and_deleted_files(app, app_config, music, tmp_path,
                                                       audio_dir, watch):
    with LiveServer(watched(app_config, music, watch), log_path=tmp_path / "server.log") as server:
        wait_until(lambda: len(titles(server)) == len(LIBRARY), "the scan at start")
        new = builders.make_audio(audio_dir, seconds=1.0, freq=880, title="Arrived Later")
        staged = copy(new, tmp_path / "staging" / "later.mp3")
        os.rename(staged, music / "Rock" / "later.mp3")  # appears whole, as a finished copy
        wait_until(lambda: "Arrived Later" in titles(server), "the new file")
        (music / "Stories/five.ogg").unlink()
        wait_until(lambda: "Five Vorbis" not in titles(server), "the deleted file")


def test_running_server_picks_up_a_folder_cover_added_then_deleted(app, app_config, music,
                                                                    tmp_path):
    """A cover file's own inotify event starts the scan that gives unchanged tracks it."""
    with LiveServer(watched(app_config, music, "auto"),
                    log_path=tmp_path / "server.log") as server:
        wait_until(lambda: len(titles(server)) == len(LIBRARY), "the scan at start")
        assert not has_cover(server, "Three Flac")
        (music / "Jazz/cover.jpg").write_bytes(covers.generated_cover("Jazz", size=300))
        wait_until(lambda: has_cover(server, "Three Flac") and has_cover(server, "Four Aac"),
                   "the new cover")
        (music / "Jazz/cover.jpg").unlink()
        wait_until(lambda: not has_cover(server, "Three Flac"), "the deleted cover")
