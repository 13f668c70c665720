"""backup → wipe → restore: every collection and media file identical; the app works after."""

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument

from server import create_app
from server import db as database
from server.backup import dump
from tests import fuzz_seed

ROOT = Path(__file__).resolve().parent.parent
RAW = CodecOptions(document_class=RawBSONDocument)


@pytest.fixture
def own_settings(mongo_uri, tmp_path):
    """A database and media store of this test's own (the restore drops collections)."""
    return {"MONGO_URI": mongo_uri, "MONGO_DB": f"tapcast_backup_{uuid.uuid4().hex[:8]}",
            "MEDIA_ROOT": tmp_path / "media"}


@pytest.fixture
def seeded(own_settings, audio_dir):
    """An app over a library with something of every resource; dropped afterwards."""
    app = create_app(dict(own_settings))
    database.ensure_indexes(app)
    fuzz_seed.seed_library(app, audio_dir)
    yield app
    database.get_client(app).drop_database(own_settings["MONGO_DB"])
    database.get_client(app).close()


def server_cli(settings, *args):
    """`python -m server ARGS` against these settings, as cron would run it."""
    env = {**os.environ, "TAPCAST_ENV": "testing",
           **{key: str(value) for key, value in settings.items()}}
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def snapshot(app):
    """{collection: sorted raw BSON of every document}, and {media file: SHA-256}."""
    db = database.get_db(app)
    documents = {name: sorted(doc.raw for doc in db[name].with_options(codec_options=RAW).find())
                 for name in dump.user_collections(db)}
    media_root = Path(app.config["MEDIA_ROOT"])
    media = {rel: hashlib.sha256((media_root / rel).read_bytes()).hexdigest()
             for rel in dump.media_files(media_root)}
    return {name: docs for name, docs in documents.items() if docs}, media


def indexes(app):
    db = database.get_db(app)
    return {name: sorted(db[name].index_information()) for name in dump.user_collections(db)}


def wipe(app):
    db = database.get_db(app)
    for name in dump.user_collections(db):
        db.drop_collection(name)
    shutil.rmtree(app.config["MEDIA_ROOT"])


def test_round_trip_is_identical_and_the_app_works(seeded, own_settings, tmp_path):
    before, indexes_before = snapshot(seeded), indexes(seeded)
    assert {"users", "tokens", "tracks", "library_journal", "playlist_versions", "personal_entries",
            "devices", "device_lists"} <= set(before[0])
    result = server_cli(own_settings, "backup", str(tmp_path / "b1"))
    assert result.returncode == 0, result.stderr
    wipe(seeded)
    assert snapshot(seeded) == ({}, {})

    result = server_cli(own_settings, "restore", str(tmp_path / "b1"))
    assert result.returncode == 0, result.stderr
    assert "indexes recreated" in result.stdout
    assert snapshot(seeded) == before
    restored_indexes = indexes(seeded)
    assert {name: restored_indexes.get(name) for name in before[0]} == {
        name: indexes_before[name] for name in before[0]}

    client = seeded.test_client()
    login = client.post("/api/v1/auth/login", json={"username": "fuzz-user",
                                                    "password": fuzz_seed.PASSWORD})
    assert login.status_code == 200
    auth = fuzz_seed.bearer(login.get_json()["token"])
    favorites = client.get("/api/v1/me/favorites", headers=auth).get_json()["items"]
    track = favorites[0]
    audio = client.get(f"/media/tracks/{track['id']}/audio")
    assert audio.status_code == 200 and audio.get_data()[:3] == b"ID3"
    audio.close()


def test_manifest_counts_every_collection(seeded, tmp_path):
    with seeded.app_context():
        manifest = dump.write_backup(database.get_db(), seeded.config["MEDIA_ROOT"],
                                     tmp_path / "b")
        users = database.get_db().users.count_documents({})
    assert manifest["collections"]["users"]["count"] == users
    copied = [p for p in (tmp_path / "b" / "media").rglob("*") if p.is_file()]
    assert manifest["media"]["count"] == len(copied) >= 3  # three tracks' audio at least
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_restore_refuses_a_non_empty_database_without_force(seeded, own_settings, tmp_path):
    assert server_cli(own_settings, "backup", str(tmp_path / "b")).returncode == 0
    before = snapshot(seeded)
    result = server_cli(own_settings, "restore", str(tmp_path / "b"))
    assert result.returncode != 0
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert snapshot(seeded) == before
    forced = server_cli(own_settings, "restore", "--force", str(tmp_path / "b"))
    assert forced.returncode == 0, forced.stderr
    assert snapshot(seeded) == before


def test_a_damaged_backup_is_refused_before_anything_is_written(seeded, own_settings,
                                                                  tmp_path):
    assert server_cli(own_settings, "backup", str(tmp_path / "b")).returncode == 0
    victim = next((tmp_path / "b" / "media").rglob("*.mp3"))
    victim.write_bytes(victim.read_bytes()[:-1] + b"\x00")
    wipe(seeded)
    result = server_cli(own_settings, "restore", str(tmp_path / "b"))
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert snapshot(seeded) == ({}, {})


def test_a_failed_backup_leaves_nothing_that_looks_whole(seeded, tmp_path, monkeypatch):
    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dump, "copy_media", disk_full)
    with seeded.app_context(), pytest.raises(OSError):
        dump.write_backup(database.get_db(), seeded.config["MEDIA_ROOT"], tmp_path / "b")
    assert [p.name for p in tmp_path.iterdir()] == ["media"]


def test_backup_refuses_an_existing_target(seeded, own_settings, tmp_path):
    (tmp_path / "b").mkdir()
    result = server_cli(own_settings, "backup", str(tmp_path / "b"))
    assert result.returncode != 0 and "already exists" in result.stderr
