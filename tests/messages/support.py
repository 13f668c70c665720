"""Builders for the message tests: users, paired receivers, and voice clips made by ffmpeg."""

import io
import json
import os
import secrets
import struct
import subprocess
import urllib.error
import urllib.request

from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from server.accounts import tokens, users
from server.devices import devices


def make_user(app, name="parent"):
    """A user and a raw token for them."""
    with app.app_context():
        user = users.create_user(f"{name}-{secrets.token_hex(3)}", "correct horse battery")
        return user, tokens.issue_token(user["_id"])


def make_device(db, household_id, name="Kitchen"):
    """A receiver registered as the realtime API does, paired with a household (None:
    unpaired), and its raw device token. A user's first household has the user's id."""
    doc, raw = devices.new_device(name)
    doc["household_id"] = household_id
    db.devices.insert_one(doc)
    if household_id is not None:
        db.device_lists.update_one({"_id": household_id}, {"$push": {"ids": doc["_id"]}},
                                   upsert=True)
    return doc, raw


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def multipart(path):
    """Test-client arguments posting the file as multipart field "audio" (encoded here:
    Werkzeug's test client leaves its own temporary file for large bodies open)."""
    files = MultiDict({"audio": FileStorage(io.BytesIO(path.read_bytes()), "clip.bin")})
    boundary, body = encode_multipart(files)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def send_clip(client, device_id, token, path):
    return client.post(f"/api/v1/conversations/{device_id}/messages", headers=bearer(token),
                       **multipart(path))


def post_clip(server, device_id, token, path):
    """(status, JSON) of a voice clip sent over real HTTP to a live server."""
    args = multipart(path)
    request = urllib.request.Request(
        f"{server.url}/api/v1/conversations/{device_id}/messages", data=args["data"],
        method="POST", headers={**bearer(token), "Content-Type": args["content_type"]})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def ffmpeg_clip(path, seconds, *codec_args, source="sine=frequency=440"):
    """Render `seconds` of a tone with ffmpeg into path using codec_args; returns path."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    f"{source}:duration={seconds}", *codec_args, "-y", str(path)], check=True)
    return path


def streamed_webm(path, seconds):
    """A WebM/Opus clip written to a pipe, so like MediaRecorder's it states no duration."""
    done = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                           f"sine=frequency=330:duration={seconds}", "-ac", "1",
                           "-c:a", "libopus", "-f", "webm", "pipe:1"],
                          check=True, capture_output=True)
    path.write_bytes(done.stdout)
    return path


def amr_clip(path, seconds):
    """An AMR-NB file built frame by frame (this ffmpeg has no AMR encoder).

    Each 12.2 kbit/s frame is a 0x3C header byte and 31 bytes of speech parameters; any bits
    decode, so random ones make 20 ms of noise each.
    """
    frames = b"".join(b"\x3c" + os.urandom(31) for _ in range(int(seconds * 50)))
    path.write_bytes(b"#!AMR\n" + frames)
    return path


def broken_wav(path):
    """A WAV whose header ffprobe accepts but whose IMA ADPCM data no decoder accepts."""
    data = os.urandom(8000)
    fmt = struct.pack("<HHIIHH", 0x0011, 1, 8000, 4000, 0, 4)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"data" + struct.pack("<I", len(data)) + data)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def probed_duration(path):
    """The duration ffprobe reads from a file (what a player would show)."""
    done = subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                           "format=duration,format_name:stream=codec_name", "-of", "json",
                           str(path)], check=True, capture_output=True)
    info = json.loads(done.stdout)
    return float(info["format"]["duration"]), info["streams"][0]["codec_name"]


def media_files(media_root):
    """Every file under MEDIA_ROOT (to check that refused clips leave nothing)."""
    return sorted(p.relative_to(media_root).as_posix()
                  for p in media_root.rglob("*") if p.is_file())
