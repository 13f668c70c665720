"""POST /api/v1/tracks: uploads are read, not trusted; a failed upload leaves nothing behind."""

import io

import pytest

from server.library import covers
from tests.builders import admin_headers, stored_files


@pytest.fixture
def admin(app):
    return admin_headers(app)


def upload(client, headers, **parts):
    """POST a multipart form; bytes values become files (named as given in a tuple)."""
    data = {}
    for name, value in parts.items():
        if isinstance(value, tuple):
            content, filename, mimetype = value
            data[name] = (io.BytesIO(content), filename, mimetype)
        else:
            data[name] = value
    return client.post("/api/v1/tracks", data=data, headers=headers,
                       content_type="multipart/form-data")


def audio_part(path, filename="song.mp3", mimetype="audio/mpeg"):
    return (path.read_bytes(), filename, mimetype)


def test_upload_creates_a_track_with_form_fields_over_tags(client, admin, make_audio, db):
    song = make_audio(seconds=1.0, freq=800, title="Tag Title", artist="Tag Artist",
                      genre="Songs")
    cover = covers.generated_cover("Upload")
    response = upload(client, admin, audio=audio_part(song), title="Form Title",
                      tags="one, two", cover=(cover, "cover.png", "image/png"))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/tracks/{body['id']}"
    assert (body["title"], body["artist"], body["category"], body["tags"]) == (
        "Form Title", "Tag Artist", "Songs", ["one", "two"])
    assert (body["mime_type"], body["size"], body["has_cover"]) == (
        "audio/mpeg", song.stat().st_size, True)
    assert db.tracks.count_documents({}) == 1
    audio = client.get(body["audio_url"])
    assert audio.get_data() == song.read_bytes()
    audio.close()


def test_upload_is_recognised_by_content_not_name_or_type(client, admin, make_audio):
    ogg = make_audio(seconds=0.5, freq=820, suffix=".ogg", title="Really Ogg")
    response = upload(client, admin, audio=audio_part(ogg, "picture.jpg", "image/jpeg"))
    assert response.status_code == 201
    assert response.get_json()["mime_type"] == "audio/ogg"


def test_path_in_file_name_never_reaches_the_file_system(client, admin, make_audio,
                                                         media_root, tmp_path):
    song = make_audio(seconds=0.5, freq=830)
    before = stored_files(media_root)
    response = upload(client, admin, audio=audio_part(song, "../../etc/passwd",
                                                      "application/octet-stream"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["title"] == "passwd"  # only ever a title, never a path
    added = stored_files(media_root) - before
    assert added <= {f"audio/{body['content_hash'][:2]}/{body['content_hash']}.mp3"}
    assert not (media_root.parent / "etc").exists()


def assert_nothing_left(db, media_root, before):
    assert db.tracks.count_documents({}) == 0
    assert stored_files(media_root) == before


def test_not_audio_is_415_and_leaves_nothing(client, admin, db, media_root):
    before = stored_files(media_root)
    response = upload(client, admin, title="Fake",
                      audio=(b"<html>not audio</html>" * 100, "song.mp3", "audio/mpeg"))
    assert response.status_code == 415
    error = response.get_json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "audio" in error["details"]["fields"]
    assert_nothing_left(db, media_root, before)


def test_empty_audio_file_is_415(client, admin, db, media_root):
    before = stored_files(media_root)
    response = upload(client, admin, audio=(b"", "empty.mp3", "audio/mpeg"))
    assert response.status_code == 415
    assert_nothing_left(db, media_root, before)


def test_over_the_size_limit_is_413_and_leaves_nothing(app, client, admin, db, media_root,
                                                       make_audio):
    app.config["MAX_CONTENT_LENGTH"] = 20_000
    song = make_audio(seconds=3.0, freq=840, suffix=".wav")
    assert song.stat().st_size > 20_000
    before = stored_files(media_root)
    response = upload(client, admin, audio=audio_part(song))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"
    assert_nothing_left(db, media_root, before)


@pytest.mark.parametrize("parts, fields", [
    ({}, {"audio": "an audio file is required"}),
    ({"audio": (b"", "", "application/octet-stream")}, {"audio": "an audio file is required"}),
    ({"title": "   "}, {"audio": "an audio file is required", "title": "must not be empty"}),
    ({"category": "c" * 61, "artist": "a" * 201},
     {"audio": "an audio file is required", "category": "must be at most 60 characters",
      "artist": "must be at most 200 characters"}),
    ({"tags": "x" * 41}, {"audio": "an audio file is required",
                          "tags": "each tag must be at most 40 characters"}),
    ({"year": "1999", "extra": (b"x", "x.bin", "application/octet-stream")},
     {"audio": "an audio file is required", "year": "unknown field",
      "extra": "unknown file field"}),
])
def test_missing_or_wrong_fields_are_422_naming_each(client, admin, db, media_root, parts,
                                                     fields):
    before = stored_files(media_root)
    response = upload(client, admin, **parts)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == fields
    assert_nothing_left(db, media_root, before)


def test_bad_field_with_good_audio_is_422_and_leaves_nothing(client, admin, db, media_root,
                                                              make_audio):
    before = stored_files(media_root)
    response = upload(client, admin, audio=audio_part(make_audio(freq=850)), title="t" * 201)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == {
        "title": "must be at most 200 characters"}
    assert_nothing_left(db, media_root, before)


def test_cover_that_is_not_an_image_is_422_and_leaves_nothing(client, admin, db, media_root,
                                                              make_audio):
    before = stored_files(media_root)
    response = upload(client, admin, audio=audio_part(make_audio(freq=860)),
                      cover=(b"GIF89a but not really", "cover.gif", "image/gif"))
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == {"cover": "not a readable image"}
    assert_nothing_left(db, media_root, before)


def test_json_instead_of_multipart_is_415(client, admin):
    response = client.post("/api/v1/tracks", json={"title": "x"}, headers=admin)
    assert response.status_code == 415


def test_upload_needs_an_admin(app, client, make_audio):
    song = make_audio(freq=870)
    assert upload(client, {}, audio=audio_part(song)).status_code == 401
    from server.accounts import tokens, users

    with app.app_context():
        token = tokens.issue_token(users.create_user("someone", "password-123")["_id"])
    response = upload(client, {"Authorization": f"Bearer {token}"}, audio=audio_part(song))
    assert response.status_code == 403


def test_audio_sent_as_text_is_still_a_missing_file(client, admin):
    response = upload(client, admin, audio="just text")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == {
        "audio": "an audio file is required"}


# (A cut Ogg file already tells its real length: mutagen reads its last page's position.)
@pytest.mark.parametrize("suffix, keep", [(".mp3", 700), (".mp3", 0.5), (".wav", 0.5)])
def test_truncated_audio_is_422_and_leaves_nothing(client, admin, make_audio, db, media_root,
                                                   suffix, keep):
    whole = make_audio(seconds=3.0, freq=610, suffix=suffix).read_bytes()
    cut = whole[:keep if isinstance(keep, int) else int(len(whole) * keep)]
    before = stored_files(media_root)
    response = upload(client, admin, audio=(cut, f"cut{suffix}", "audio/mpeg"))
    assert response.status_code == 422, response.get_json()
    assert "truncated" in response.get_json()["error"]["details"]["fields"]["audio"]
    assert db.tracks.count_documents({}) == 0
    assert stored_files(media_root) == before


@pytest.mark.parametrize("suffix", [".mp3", ".ogg", ".m4a", ".flac", ".wav"])
def test_whole_audio_of_every_format_is_accepted(client, admin, make_audio, suffix):
    song = make_audio(seconds=3.0, freq=620, suffix=suffix)
    response = upload(client, admin, audio=audio_part(song, f"whole{suffix}"))
    assert response.status_code == 201, response.get_json()


def test_title_from_file_name_loses_control_characters(client, admin, make_audio):
    song = make_audio(seconds=1.0, freq=630)
    response = upload(client, admin, audio=audio_part(song, "Bell\x07 \x1b[31mRed\u202e.mp3"))
    assert response.status_code == 201
    assert response.get_json()["title"] == "Bell [31mRed"
