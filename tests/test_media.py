"""/media/tracks/<id>/audio and /cover: every Range form byte for byte, 416, 304, covers."""

import http.client
import io
from email.utils import formatdate

import pytest
from PIL import Image

from server.library import store, tracks


@pytest.fixture
def track(make_track):
    return make_track(title="Seekable", seconds=2.0, freq=900)


@pytest.fixture
def audio_bytes(app, track):
    with app.app_context():
        return store.absolute(track["audio_path"]).read_bytes()


def fetch(client, url, **headers):
    """(response, body); the response is closed (send_file keeps the file open until then)."""
    response = client.get(url, headers=headers)
    body = response.get_data()
    response.close()
    return response, body


def audio_url(track):
    return f"/media/tracks/{track['_id']}/audio"


def test_whole_file(client, track, audio_bytes):
    response, body = fetch(client, audio_url(track))
    assert response.status_code == 200
    assert body == audio_bytes
    assert response.headers["Content-Type"] == "audio/mpeg"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Length"] == str(len(audio_bytes))


@pytest.mark.parametrize("header, start, end", [
    ("bytes=0-99", 0, 99),
    ("bytes=100-1099", 100, 1099),
    ("bytes=7-7", 7, 7),
    ("bytes=1000-", 1000, None),
    ("bytes=-500", -500, None),
    ("bytes=200-99999999", 200, None),  # an end past the file is clipped
])
def test_range_forms_byte_for_byte(client, track, audio_bytes, header, start, end):
    size = len(audio_bytes)
    first = start if start >= 0 else size + start
    last = size - 1 if end is None else end
    response, body = fetch(client, audio_url(track), Range=header)
    assert response.status_code == 206
    assert response.headers["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response.headers["Content-Length"] == str(last - first + 1)
    assert body == audio_bytes[first:last + 1]


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{beyond}"])
def test_unsatisfiable_range_is_416(client, track, audio_bytes, header):
    size = len(audio_bytes)
    response, _ = fetch(client, audio_url(track), Range=header.format(size=size, beyond=size + 9))
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{size}"
    assert response.get_json()["error"]["code"] == "range_not_satisfiable"


def test_etag_gives_304(client, track):
    first, _ = fetch(client, audio_url(track))
    etag = first.headers["ETag"]
    assert etag == f'"{track["content_hash"]}"'
    again, body = fetch(client, audio_url(track), **{"If-None-Match": etag})
    assert (again.status_code, body) == (304, b"")
    other, _ = fetch(client, audio_url(track), **{"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_last_modified_gives_304(client, track, audio_bytes):
    first, _ = fetch(client, audio_url(track))
    last_modified = first.headers["Last-Modified"]
    again, body = fetch(client, audio_url(track), **{"If-Modified-Since": last_modified})
    assert (again.status_code, body) == (304, b"")
    long_ago = formatdate(0, usegmt=True)
    old, body = fetch(client, audio_url(track), **{"If-Modified-Since": long_ago})
    assert (old.status_code, body) == (200, audio_bytes)


def test_if_range_with_a_stale_etag_sends_the_whole_file(client, track, audio_bytes):
    response, body = fetch(client, audio_url(track), Range="bytes=0-9", **{"If-Range": '"old"'})
    assert (response.status_code, body) == (200, audio_bytes)
    etag = f'"{track["content_hash"]}"'
    response, body = fetch(client, audio_url(track), Range="bytes=0-9", **{"If-Range": etag})
    assert (response.status_code, body) == (206, audio_bytes[:10])


def test_audio_is_revalidated_not_cached_blindly(client, track):
    response, _ = fetch(client, audio_url(track))
    assert "no-cache" in response.headers["Cache-Control"]


def test_unknown_track_media_is_json_404(client):
    response, _ = fetch(client, "/media/tracks/65a1b2c3d4e5f60718293a4b/audio")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_missing_file_is_404_not_500(app, client, track):
    with app.app_context():
        store.absolute(track["audio_path"]).rename(store.root() / "moved-away")
    try:
        response, _ = fetch(client, audio_url(track))
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "media_missing"
    finally:
        with app.app_context():
            (store.root() / "moved-away").rename(store.absolute(track["audio_path"]))


def cover_url(track, size):
    """The URL the API hands out for the track's cover in size (versioned by its content)."""
    return tracks.present_track(track)["cover_url" if size == "full" else "thumb_url"]


@pytest.mark.parametrize("size, pixels", [("full", 600), ("thumb", 256)])
def test_versioned_cover_is_cached_for_good(client, make_track, size, pixels):
    track = make_track(title="Covered", cover=True, freq=910)
    url = cover_url(track, size)
    assert url.endswith(f"?size={size}&v={track['cover_hash'][:12]}")
    response, body = fetch(client, url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.immutable and response.cache_control.public
    assert Image.open(io.BytesIO(body)).size == (pixels, pixels)
    again, _ = fetch(client, url, **{"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("query", ["size=full", "size=full&v=0123456789ab", "size=full&v="])
def test_unversioned_or_stale_cover_is_revalidated(client, make_track, query):
    """Still the current cover, but cached only until its ETag says otherwise."""
    track = make_track(title="Covered", cover=True, freq=910)
    _, current = fetch(client, cover_url(track, "full"))
    response, body = fetch(client, f"/media/tracks/{track['_id']}/cover?{query}")
    assert response.status_code == 200 and body == current
    assert response.cache_control.no_cache and not response.cache_control.immutable
    assert not response.cache_control.max_age
    again, _ = fetch(client, f"/media/tracks/{track['_id']}/cover?{query}",
                     **{"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_default_cover_when_track_has_none(client, track):
    response, body = fetch(client, f"/media/tracks/{track['_id']}/cover?size=thumb")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(body)).size == (256, 256)
    assert response.headers["ETag"] == '"default-thumb"'
    assert tracks.present_track(track)["thumb_url"].endswith("?size=thumb")  # no version
    assert response.cache_control.no_cache and not response.cache_control.immutable


def test_bad_cover_size_is_422(client, track):
    response, _ = fetch(client, f"/media/tracks/{track['_id']}/cover?size=huge")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == {"size": "must be full or thumb"}


def test_live_server_answers_a_range_request(live_server, track, audio_bytes):
    connection = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=10)
    try:
        connection.request("GET", audio_url(track), headers={"Range": "bytes=-1000",
                                                              "Origin": "null"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 206
    assert body == audio_bytes[-1000:]
    exposed = response.getheader("Access-Control-Expose-Headers")
    assert "Content-Range" in exposed and "Accept-Ranges" in exposed
