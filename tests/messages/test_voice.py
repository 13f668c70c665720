"""Voice clips end to end with the real ffmpeg: accepted formats, transcoding, refusals."""

import pytest

from tests.messages.support import (
    amr_clip,
    bearer,
    broken_wav,
    ffmpeg_clip,
    media_files,
    probed_duration,
    send_clip,
    streamed_webm,
)

CLIP_SECONDS = 2



def fetch(client, url, **kwargs):
    """GET a media URL and close the response (send_file holds the file open until then)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


ACCEPTED = {
    "wav": lambda p: ffmpeg_clip(p / "a.wav", CLIP_SECONDS),
    "webm-opus": lambda p: ffmpeg_clip(p / "a.webm", CLIP_SECONDS, "-c:a", "libopus"),
    "webm-mediarecorder": lambda p: streamed_webm(p / "a.webm", CLIP_SECONDS),
    "ogg-vorbis": lambda p: ffmpeg_clip(p / "a.ogg", CLIP_SECONDS, "-c:a", "libvorbis"),
    "m4a-aac": lambda p: ffmpeg_clip(p / "a.m4a", CLIP_SECONDS, "-c:a", "aac"),
    "3gp-aac": lambda p: ffmpeg_clip(p / "a.3gp", CLIP_SECONDS, "-c:a", "aac"),
    "adts-aac": lambda p: ffmpeg_clip(p / "a.aac", CLIP_SECONDS, "-c:a", "aac", "-f", "adts"),
    "mp3": lambda p: ffmpeg_clip(p / "a.mp3", CLIP_SECONDS, "-c:a", "libmp3lame"),
    "amr-nb": lambda p: amr_clip(p / "a.amr", CLIP_SECONDS),
}


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_clip_is_accepted_transcoded_and_playable(client, owner, device, tmp_path, kind):
    clip = ACCEPTED[kind](tmp_path)
    response = send_clip(client, device[0]["_id"], owner[1], clip)
    assert response.status_code == 201, response.get_json()
    message = response.get_json()
    assert message["kind"] == "voice" and message["from"] == "user"
    assert message["duration"] == pytest.approx(CLIP_SECONDS, abs=0.3)
    audio = fetch(client, message["audio_url"])
    assert audio.status_code == 200
    assert audio.mimetype == "audio/mpeg"
    played = tmp_path / "played.mp3"
    played.write_bytes(audio.data)
    duration, codec = probed_duration(played)
    assert codec == "mp3"
    assert duration == pytest.approx(CLIP_SECONDS, abs=0.3)


def test_receiver_can_send_a_clip_too(client, device, tmp_path):
    clip = ffmpeg_clip(tmp_path / "reply.webm", 1, "-c:a", "libopus")
    response = send_clip(client, device[0]["_id"], device[1], clip)
    assert response.status_code == 201
    assert response.get_json()["from"] == "device"


def test_clip_is_served_with_ranges(client, owner, device, tmp_path):
    clip = ffmpeg_clip(tmp_path / "a.wav", CLIP_SECONDS)
    url = send_clip(client, device[0]["_id"], owner[1], clip).get_json()["audio_url"]
    full = fetch(client, url)
    part = fetch(client, url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(full.data)}"
    assert part.data == full.data[100:200]
    assert fetch(client, url, headers={"Range": "bytes=999999-"}).status_code == 416


@pytest.mark.parametrize("tamper", ["sig", "exp", "expired"])
def test_clip_link_must_be_signed(client, owner, device, tmp_path, tamper):
    clip = ffmpeg_clip(tmp_path / "a.wav", 1)
    url = send_clip(client, device[0]["_id"], owner[1], clip).get_json()["audio_url"]
    path, _, query = url.partition("?")
    params = dict(part.split("=") for part in query.split("&"))
    if tamper == "sig":
        params["sig"] = "0" * 32
    elif tamper == "exp":
        params["exp"] = str(int(params["exp"]) + 3600)
    else:
        params["exp"] = "1000"
    response = fetch(client, path + "?" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "bad_signature"


def text_file(p):
    path = p / "notes.txt"
    path.write_text("hello, this is not a voice clip\n" * 50)
    return path


def hls_playlist(p):
    """A playlist that would make a careless ffmpeg read a local file."""
    path = p / "evil.m3u8"
    path.write_text("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n/etc/passwd\n"
                    "#EXT-X-ENDLIST\n")
    return path


def png_image(p):
    return ffmpeg_clip(p / "a.png", 1, "-frames:v", "1", source="color=c=red:size=32x32")


def silent_video(p):
    return ffmpeg_clip(p / "v.mp4", 1, "-an", "-c:v", "mpeg4", source="testsrc=size=64x64")


def empty_file(p):
    path = p / "empty"
    path.write_bytes(b"")
    return path


NOT_AUDIO = {"text": text_file, "hls": hls_playlist, "png": png_image,
             "video-only": silent_video, "empty": empty_file}


def assert_nothing_kept(db, media_root, files_before):
    assert db.messages.count_documents({}) == 0
    assert media_files(media_root) == files_before


@pytest.mark.parametrize("kind", sorted(NOT_AUDIO))
def test_not_audio_is_415(client, db, media_root, owner, device, tmp_path, kind):
    before = media_files(media_root)
    response = send_clip(client, device[0]["_id"], owner[1], NOT_AUDIO[kind](tmp_path))
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "not_audio"
    assert_nothing_kept(db, media_root, before)


LONG = {
    "wav": lambda p: ffmpeg_clip(p / "long.wav", 62, "-ac", "1", "-ar", "8000"),
    # No duration in the file: its packets tell, counted before any transcoding.
    "webm-mediarecorder": lambda p: streamed_webm(p / "long.webm", 75),
}


def test_clip_without_a_duration_is_refused_at_its_real_length(client, owner, device,
                                                               tmp_path):
    response = send_clip(client, device[0]["_id"], owner[1], streamed_webm(tmp_path / "l.webm",
                                                                           75))
    assert response.status_code == 422
    # Measured, not transcoded: a transcode stops at 61 s and would report that.
    assert response.get_json()["error"]["details"]["duration"] > 74


@pytest.mark.parametrize("kind", sorted(LONG))
def test_over_sixty_seconds_is_422_naming_the_limit(client, db, media_root, owner, device,
                                                    tmp_path, kind):
    before = media_files(media_root)
    response = send_clip(client, device[0]["_id"], owner[1], LONG[kind](tmp_path))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "clip_too_long"
    assert error["details"]["limit_seconds"] == 60
    assert "60 seconds" in error["message"]
    assert_nothing_kept(db, media_root, before)


def test_over_the_size_limit_is_413_naming_it(app, client, db, media_root, owner, device,
                                              tmp_path):
    app.config["VOICE_MAX_MB"] = 1
    before = media_files(media_root)
    clip = ffmpeg_clip(tmp_path / "big.wav", 10, "-ac", "2", "-ar", "44100")
    response = send_clip(client, device[0]["_id"], owner[1], clip)
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "clip_too_large"
    assert error["details"]["limit_bytes"] == 1024 * 1024
    assert "1 MB" in error["message"]
    assert_nothing_kept(db, media_root, before)


def empty_amr(p):
    path = p / "empty.amr"
    path.write_bytes(b"#!AMR\n")
    return path


UNDECODABLE = {"broken-wav": lambda p: broken_wav(p / "bad.wav"), "empty-amr": empty_amr}


@pytest.mark.parametrize("kind", sorted(UNDECODABLE))
def test_ffmpeg_failure_is_422_with_no_record_and_no_file(client, db, media_root, owner,
                                                          device, tmp_path, kind):
    before = media_files(media_root)
    response = send_clip(client, device[0]["_id"], owner[1], UNDECODABLE[kind](tmp_path))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "transcode_failed"
    assert_nothing_kept(db, media_root, before)


def test_multipart_without_the_audio_field_is_422(client, owner, device):
    response = client.post(f"/api/v1/conversations/{device[0]['_id']}/messages",
                           data={"text": "hi"}, headers=bearer(owner[1]),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "audio" in response.get_json()["error"]["details"]["fields"]


def test_same_clip_twice_is_stored_once(client, media_root, owner, device, tmp_path):
    clip = ffmpeg_clip(tmp_path / "a.wav", 1)
    first = send_clip(client, device[0]["_id"], owner[1], clip).get_json()
    second = send_clip(client, device[0]["_id"], owner[1], clip).get_json()
    assert first["id"] != second["id"]
    assert fetch(client, first["audio_url"]).data == fetch(client, second["audio_url"]).data
    voice_files = [f for f in media_files(media_root) if f.startswith("voice/")]
    assert len(voice_files) == len(set(voice_files))
    assert not [f for f in media_files(media_root) if f.startswith("tmp/")]
