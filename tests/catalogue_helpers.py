"""Builders for the catalogue tests: track records through the library's own write path."""

import itertools
import json
import urllib.error
import urllib.request

_numbers = itertools.count(1)


def track_fields(title, **fields):
    """The fields insert_track needs, with stand-in media values (no file is served)."""
    number = next(_numbers)
    return {"title": title, "artist": None, "album": None, "category": "Songs", "tags": [],
            "duration": 60.0, "size": 1000, "mime_type": "audio/mpeg",
            "content_hash": f"{number:064x}", "audio_path": f"audio/{number}.mp3", **fields}


def get_json(server, path):
    """(status, JSON body) of a GET against a live server."""
    return call(server, "GET", path)


def call(server, method, path, body=None, headers=None):
    """(status, JSON body or None) of a JSON request to a live server."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method,
                                     headers={**(headers or {})})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    return _send(request)


def upload(server, headers, audio_path, **fields):
    """(status, JSON body) of a multipart track upload to a live server."""
    boundary = "tapcast-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             .encode() for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="audio"; '
                 f'filename="{audio_path.name}"\r\nContent-Type: audio/mpeg\r\n\r\n'.encode()
                 + audio_path.read_bytes() + f"\r\n--{boundary}--\r\n".encode())
    request = urllib.request.Request(
        server.url + "/api/v1/tracks", data=b"".join(parts), method="POST",
        headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    return _send(request)


def _send(request):
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None
