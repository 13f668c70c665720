"""Lyrics from the embedded tag: getLyricsBySongId (songLyrics) and getLyrics."""

from mutagen.id3 import ID3, USLT

from server.library import ingest, store
from server.library.tags import read_audio
from tests import builders
from tests.subsonic.conftest import sid

LRC = "[00:01.50]Twinkle twinkle\n[00:03.00]Little star\n"


def track_with_lyrics(app, audio_dir, text):
    path = builders.make_audio(audio_dir, "lyrics.mp3", seconds=4.0, freq=610)
    tags = ID3(path)
    tags.setall("USLT", [USLT(encoding=3, lang="eng", desc="", text=text)])
    tags.save(path)
    with app.app_context():
        with store.stage_file(path) as staged:
            return ingest.add_track(staged, read_audio(path), {
                "title": "Little Star", "artist": "Nursery", "album": None,
                "category": "Songs", "tags": []}, {})


def test_synced_lyrics_from_the_embedded_tag(app, client, audio_dir, account):
    key = account()["key"]
    doc = track_with_lyrics(app, audio_dir, LRC)
    body = client.get("/rest/getLyricsBySongId", query_string={
        "apiKey": key, "f": "json", "id": sid(doc)}).get_json()["subsonic-response"]
    [lyrics] = body["lyricsList"]["structuredLyrics"]
    assert lyrics["synced"] is True and lyrics["displayTitle"] == "Little Star"
    assert lyrics["line"] == [{"start": 1500, "value": "Twinkle twinkle"},
                              {"start": 3000, "value": "Little star"}]
    plain = client.get("/rest/getLyrics", query_string={
        "apiKey": key, "f": "json", "artist": "Nursery", "title": "Little Star"}).get_json()
    assert plain["subsonic-response"]["lyrics"]["value"] == "Twinkle twinkle\nLittle star"
