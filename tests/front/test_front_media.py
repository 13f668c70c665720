"""Media through nginx: the server authorises and names the file, nginx sends the bytes."""

import pytest

from server.library import store
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


def test_cover_keeps_its_long_cache(front_stack, track, app):
    front, _, _ = front_stack
    with app.app_context():
        cover = store.absolute(track["cover_full"]).read_bytes()
    status, headers, body = request(front.port, "GET", f"/media/tracks/{track['_id']}/cover")
    assert (status, body) == (200, cover)
    assert headers["Content-Type"] == "image/jpeg"
    assert "max-age=2592000" in headers["Cache-Control"]


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
