"""Media through nginx: the server authorises and names the file, nginx sends the bytes."""

import json
import time

import pytest

from server.library import store, tracks
from tests.front.http import request


@pytest.fixture
def track(make_track):
    return make_track(title="Through the front", seconds=2.0, freq=700, cover=True)


@pytest.fixture
def audio_bytes(app, track):
    with app.app_context():
        return store.absolute(track["audio_path"]).read_bytes()


def audio_path(track):
    return f"/media/tracks/{track['_id']}/audio"


def test_whole_file_is_byte_exact(front_stack, track, audio_bytes):
    front, _, _ = front_stack
    status, headers, body = request(front.port, "GET", audio_path(track))
    assert (status, body) == (200, audio_bytes)
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Accept-Ranges"] == "bytes"
    assert "no-cache" in headers["Cache-Control"]
    assert "X-Accel-Redirect" not in headers


@pytest.mark.parametrize("header, start, end", [
    ("bytes=0-99", 0, 99),
    ("bytes=100-1099", 100, 1099),
    ("bytes=1000-", 1000, None),
    ("bytes=-500", -500, None),
    ("bytes=200-99999999", 200, None),
])
def test_ranges_are_byte_exact(front_stack, track, audio_bytes, header, start, end):
    front, _, _ = front_stack
    size = len(audio_bytes)
    first = start if start >= 0 else size + start
    last = size - 1 if end is None else end
    status, headers, body = request(front.port, "GET", audio_path(track),
                                    headers={"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert body == audio_bytes[first:last + 1]


def test_unsatisfiable_range_is_416(front_stack, track, audio_bytes):
    front, _, _ = front_stack
    status, headers, _ = request(front.port, "GET", audio_path(track),
                                 headers={"Range": f"bytes={len(audio_bytes)}-"})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(audio_bytes)}"


def test_etag_gives_304(front_stack, track):
    front, _, _ = front_stack
    _, headers, _ = request(front.port, "GET", audio_path(track))
    etag = headers["ETag"]
    status, _, body = request(front.port, "GET", audio_path(track),
                              headers={"If-None-Match": etag})
    assert (status, body) == (304, b"")
    status, _, _ = request(front.port, "GET", audio_path(track),
                           headers={"If-None-Match": '"another"'})
    assert status == 200


def test_versioned_cover_is_cached_for_good(front_stack, track, app):
    front, _, _ = front_stack
    with app.app_context():
        cover = store.absolute(track["cover_full"]).read_bytes()
    url = tracks.present_track(track)["cover_url"]
    status, headers, body = request(front.port, "GET", url)
    assert (status, body) == (200, cover)
    assert headers["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


def test_unversioned_cover_is_revalidated(front_stack, track, app):
    front, _, _ = front_stack
    with app.app_context():
        cover = store.absolute(track["cover_full"]).read_bytes()
    status, headers, body = request(front.port, "GET", f"/media/tracks/{track['_id']}/cover")
    assert (status, body) == (200, cover)
    assert "no-cache" in headers["Cache-Control"]
    assert "immutable" not in headers["Cache-Control"]


def test_unknown_track_is_the_servers_json_404(front_stack, track):
    front, _, _ = front_stack
    missing = "0" * 24
    status, headers, body = request(front.port, "GET", f"/media/tracks/{missing}/audio")
    assert status == 404
    assert headers["Content-Type"] == "application/json"
    assert b'"not_found"' in body


def test_internal_location_is_not_reachable(front_stack, track):
    front, _, _ = front_stack
    status, _, body = request(front.port, "GET", f"/_media/{track['audio_path']}")
    assert status == 404
    assert b"ID3" not in body and len(body) < 1000


def test_cors_headers_survive_the_redirect(front_stack, track):
    front, _, _ = front_stack
    status, headers, _ = request(front.port, "GET", audio_path(track),
                                 headers={"Origin": "null", "Range": "bytes=0-9"})
    assert status == 206
    assert headers["Access-Control-Allow-Origin"] == "null"
    assert "Content-Range" in headers["Access-Control-Expose-Headers"]


def test_the_server_itself_sends_no_byte_of_the_file(front_stack, track):
    _, first, _ = front_stack
    status, headers, body = request(first.port, "GET", audio_path(track))
    assert (status, body) == (200, b"")
    assert headers["X-Accel-Redirect"] == f"/_media/{track['audio_path']}"


def test_stored_media_are_readable_by_the_front_servers_user(app, track):
    # nginx's workers run as another user (www-data in the front image) than the server.
    with app.app_context():
        paths = [store.absolute(track[field]) for field in ("audio_path", "cover_full",
                                                              "cover_thumb")]
    assert [path.stat().st_mode & 0o777 for path in paths] == [store.FILE_MODE] * 3


def server_requests_for(processes, path):
    """How many requests for path the server processes logged (their JSON access lines)."""
    count = 0
    for process in processes:
        for line in process.log_path.read_text(errors="replace").splitlines():
            entry = json.loads(line) if line.startswith("{") else {}
            if entry.get("event") == "access" and entry.get("path") == path:
                count += 1
    return count


def test_repeated_requests_do_not_ask_the_server_each_time(front_stack, track, audio_bytes):
    # nginx keeps the server's decision for a moment (deploy/nginx: media_decisions), so a
    # player's stream of Range requests is sent by nginx alone.
    front, first, second = front_stack
    for offset in range(0, 2000, 100):
        status, _, body = request(front.port, "GET", audio_path(track),
                                  headers={"Range": f"bytes={offset}-{offset + 99}"})
        assert (status, body) == (206, audio_bytes[offset:offset + 100])
    assert server_requests_for((first, second), audio_path(track)) < 20


def test_a_deleted_track_is_refused_once_its_decision_expires(front_stack, app, make_track):
    front, _, _ = front_stack
    doomed = make_track(title="Soon gone", seconds=1.0, freq=500)
    assert request(front.port, "GET", audio_path(doomed))[0] == 200
    with app.app_context():
        tracks.delete_track(doomed["_id"])
    deadline = time.monotonic() + 20  # the decision's lifetime plus the catalogue's sync
    while True:
        status, headers, body = request(front.port, "GET", audio_path(doomed))
        if status != 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 404
    assert headers["Content-Type"] == "application/json"
    assert b'"not_found"' in body


def test_media_types_match_the_importers_formats():
    from deploy.nginx_conf import MEDIA_TYPES
    from server.library.tags import FORMATS

    served = {(mime, "." + suffix) for mime, suffixes in MEDIA_TYPES.items()
              for suffix in suffixes.split()}
    assert set(FORMATS.values()) | {("image/jpeg", ".jpg")} == served


def test_the_decision_form_refuses_without_a_body(front_stack, track):
    # What nginx asks with X-Media-Decision: yes is the X-Accel-Redirect, anything else an
    # empty 403 (nginx then passes the request on and the server answers it in full).
    _, first, _ = front_stack
    ask = {"X-Media-Decision": "1"}
    status, headers, body = request(first.port, "GET", audio_path(track), headers=ask)
    assert (status, body) == (200, b"")
    assert headers["X-Accel-Redirect"] == f"/_media/{track['audio_path']}"
    status, headers, body = request(first.port, "GET", f"/media/tracks/{'0' * 24}/audio",
                                    headers=ask)
    assert (status, body) == (403, b"")
    assert "X-Accel-Redirect" not in headers
