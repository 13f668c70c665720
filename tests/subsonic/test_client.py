"""Tier-0 and tier-1 methods driven by py-opensonic (JSON), with its POST/.view default and GET.

py-opensonic's dataclasses refuse an answer that lacks a required field, so each call
checks the shape as a real client reads it.
"""

import base64
import urllib.request

import pytest
from libopensonic import errors

from tests.subsonic.conftest import PASSWORD, envelope, http, rest, sid

pytestmark = pytest.mark.parametrize("use_get", [False, True], ids=["post-view", "get"])


def test_system_methods(account, sonic, live_server, use_get):
    me = account()
    client = sonic(api_key=me["key"], use_get=use_get)
    assert client.ping() is True
    assert client.get_license()["license"]["valid"] is True
    names = {ext.name for ext in client.get_open_subsonic_extensions()}
    assert {"apiKeyAuthentication", "songLyrics", "transcodeOffset"} <= names
    # py-opensonic 10.4.1 reads musicFolders as a list, not {"musicFolder": [...]} as the
    # Subsonic schema (and every server) has it: read the raw answer instead.
    headers, raw, _ = rest(live_server, "getMusicFolders", [("apiKey", me["key"]), ("f", "json")])
    assert envelope(raw)["musicFolders"] == {"musicFolder": [{"id": 1, "name": "Library"}]}
    user = client.get_user(me["name"])
    assert user.username == me["name"] and user.admin_role is False and user.stream_role
    assert client.get_scan_status().scanning is False


def test_password_and_basic_sign_in(account, sonic, live_server, use_get):
    me = account()
    client = sonic(username=me["name"], password=PASSWORD, use_get=use_get)
    assert client.ping() is True
    wrong = sonic(username=me["name"], password="not-the-password", use_get=use_get)
    with pytest.raises(errors.CredentialError):
        wrong.ping()
    basic = urllib.request.Request(f"{live_server.url}/rest/ping.view?f=json", headers={
        "Authorization": "Basic " + base64.b64encode(f"{me['name']}:{PASSWORD}".encode()).decode()})
    with urllib.request.urlopen(basic, timeout=20) as response:
        assert envelope(response.read())["status"] == "ok"


def test_songs_and_search(account, sonic, library, use_get):
    client = sonic(api_key=account()["key"], use_get=use_get)
    song = client.get_song(sid(library[0]))
    assert (song.title, song.artist, song.album, song.genre) == ("Morning Song", "The Larks",
                                                                 "Dawn", "Songs")
    assert song.cover_art and song.duration >= 1 and song.content_type == "audio/mpeg"
    assert len(client.get_random_songs(size=10)) == 3
    assert {s.title for s in client.get_random_songs(size=10, genre="Stories")} == {
        "Evening Story"}
    found = client.search3("rainy")
    assert [s.title for s in found.song] == ["Rainy Day"]
    assert [s.title for s in client.search2("larks").song] == ["Morning Song", "Rainy Day"]
    # An empty query, and the literal "", list everything, paged (how Symfonium syncs).
    for query in ("", '""'):
        first = client.search3(query, song_count=2, song_offset=0, artist_count=0,
                               album_count=0)
        rest = client.search3(query, song_count=2, song_offset=2, artist_count=0,
                              album_count=0)
        titles = [s.title for s in first.song + rest.song]
        assert sorted(titles) == ["Evening Story", "Morning Song", "Rainy Day"]


def test_unknown_ids_are_70(account, sonic, use_get):
    client = sonic(api_key=account()["key"], use_get=use_get)
    for bad in ("tr-" + "0" * 24, "tr-nothex", "al-zzz", "12"):
        with pytest.raises(errors.DataNotFoundError):
            client.get_song(bad)


def test_star_scrobble_rating_are_the_json_apis_data(account, sonic, library, live_server,
                                                     use_get):
    me = account()
    client = sonic(api_key=me["key"], use_get=use_get)
    client.star(sids=[sid(library[1])])
    status, favorites = http(live_server, "GET", "/api/v1/me/favorites", token=me["token"])
    assert [t["title"] for t in favorites["items"]] == ["Evening Story"]
    assert [s.title for s in client.get_starred().song] == ["Evening Story"]
    assert [s.title for s in client.get_starred2().song] == ["Evening Story"]
    assert client.get_song(sid(library[1])).starred
    client.unstar(sids=[sid(library[1])])
    assert client.get_starred2().song in (None, [])

    client.scrobble(sid(library[0]), submission=False)
    [playing] = client.get_now_playing()
    assert playing.title == "Morning Song" and playing.username == me["name"]
    client.scrobble(sid(library[0]), submission=True)
    status, history = http(live_server, "GET", "/api/v1/me/history", token=me["token"])
    assert [(row["track"]["title"], row["completed"]) for row in history["items"]] == [
        ("Morning Song", True)]
    assert client.get_song(sid(library[0])).play_count == 1  # one listen, two reports

    client.set_rating(sid(library[2]), 4)
    assert client.get_song(sid(library[2])).user_rating == 4
    client.set_rating(sid(library[2]), 0)
    assert client.get_song(sid(library[2])).user_rating is None


def test_playlists(account, sonic, library, live_server, use_get):
    me = account()
    client = sonic(api_key=me["key"], use_get=use_get)
    assert client.create_playlist(name="Road trip", song_ids=[sid(library[0]),
                                                             sid(library[1])]) is True
    [made] = client.get_playlists()
    assert made.name == "Road trip" and made.song_count == 2
    status, listed = http(live_server, "GET", "/api/v1/playlists", token=me["token"])
    assert [p["name"] for p in listed["items"]] == ["Road trip"]
    client.update_playlist(made.id, name="Long trip", song_ids_to_add=[sid(library[2])],
                           song_indices_to_remove=[0])
    got = client.get_playlist(made.id)
    assert got.name == "Long trip"
    assert [s.title for s in got.entry] == ["Evening Story", "Rainy Day"]
    assert [p.name for p in client.get_playlists()] == ["Long trip"]
    client.create_playlist(playlist_id=made.id, song_ids=[sid(library[0])])
    assert [s.title for s in client.get_playlist(made.id).entry] == ["Morning Song"]
    client.delete_playlist(made.id)
    assert client.get_playlists() in (None, [])


def test_someone_elses_playlist_is_70(account, sonic, library, use_get):
    owner = sonic(api_key=account("owner")["key"], use_get=use_get)
    other = sonic(api_key=account("other")["key"], use_get=use_get)
    owner.create_playlist(name="Mine", song_ids=[sid(library[0])])
    [made] = owner.get_playlists()
    with pytest.raises(errors.DataNotFoundError):
        other.get_playlist(made.id)
    with pytest.raises(errors.DataNotFoundError):
        other.delete_playlist(made.id)
    assert owner.get_playlist(made.id).song_count == 1


def test_bookmarks_and_play_queue(account, sonic, library, use_get):
    me = account()
    client = sonic(api_key=me["key"], use_get=use_get)
    assert client.get_bookmarks() in (None, [])
    client.create_bookmark(sid(library[1]), 42_000, comment="chapter 3")
    [mark] = client.get_bookmarks()
    assert (mark.position, mark.entry.title, mark.username) == (42_000, "Evening Story",
                                                                me["name"])
    client.delete_bookmark(sid(library[1]))
    assert client.get_bookmarks() in (None, [])

    client.save_play_queue([sid(library[2]), sid(library[0])], current=sid(library[0]),
                           position=5000)
    queue = client.get_play_queue()
    assert [s.title for s in queue.entry] == ["Rainy Day", "Morning Song"]
    assert queue.current == sid(library[0]) and queue.position == 5000


def test_lyrics_and_info_answers_are_valid_when_empty(account, sonic, library, use_get):
    client = sonic(api_key=account()["key"], use_get=use_get)
    assert client.get_lyrics_by_song_id(sid(library[0])) in (None, [])
    assert client.get_lyrics(artist="The Larks", title="Morning Song").value == ""
