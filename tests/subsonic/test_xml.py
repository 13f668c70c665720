"""Tier-0 answers in XML (the default format), parsed with the standard library against the
shapes Subsonic clients read: scalars in attributes, lists as repeated elements."""

from xml.etree import ElementTree

import pytest

from tests.subsonic.conftest import sid

NS = "{http://subsonic.org/restapi}"


def xml(client, method, **params):
    response = client.get(f"/rest/{method}.view", query_string=params)
    assert response.status_code == 200 and response.mimetype == "text/xml", response.data
    root = ElementTree.fromstring(response.data)
    assert root.tag == f"{NS}subsonic-response"
    assert root.get("status") == "ok", response.data
    assert (root.get("version"), root.get("type"), root.get("openSubsonic")) == (
        "1.16.1", "tapcast", "true")
    return root


def child(root, path):
    found = root.find("/".join(f"{NS}{part}" for part in path.split("/")))
    assert found is not None, (path, ElementTree.tostring(root))
    return found


@pytest.fixture
def key(account, live_server):
    return account()["key"]


def test_song_shapes(client, key, library):
    song = child(xml(client, "getSong", apiKey=key, id=sid(library[0])), "song")
    assert song.get("id") == sid(library[0]) and song.get("isDir") == "false"
    assert song.get("title") == "Morning Song" and int(song.get("duration")) >= 1
    assert song.get("coverArt", "").startswith(sid(library[0]))
    random = xml(client, "getRandomSongs", apiKey=key, size=5)
    assert len(child(random, "randomSongs").findall(f"{NS}song")) == 3
    found = xml(client, "search3", apiKey=key, query="")
    assert len(child(found, "searchResult3").findall(f"{NS}song")) == 3
    assert len(child(xml(client, "search2", apiKey=key, query="dawn"), "searchResult2")
               .findall(f"{NS}song")) == 2


def test_system_and_user_shapes(client, key):
    assert child(xml(client, "getLicense", apiKey=key), "license").get("valid") == "true"
    folders = child(xml(client, "getMusicFolders", apiKey=key), "musicFolders")
    assert [f.get("id") for f in folders.findall(f"{NS}musicFolder")] == ["1"]
    extensions = xml(client, "getOpenSubsonicExtensions").findall(f"{NS}openSubsonicExtensions")
    assert {e.get("name") for e in extensions} >= {"apiKeyAuthentication", "songLyrics"}
    assert [v.text for v in extensions[0].findall(f"{NS}versions")] == ["1"]
    user = child(xml(client, "getUser", apiKey=key, username="listener"), "user")
    assert user.get("username") == "listener" and user.get("adminRole") == "false"
    assert child(xml(client, "getScanStatus", apiKey=key), "scanStatus").get("scanning") == \
        "false"


def test_personal_shapes(client, key, library):
    xml(client, "star", apiKey=key, id=sid(library[1]))
    starred = child(xml(client, "getStarred2", apiKey=key), "starred2")
    assert [s.get("title") for s in starred.findall(f"{NS}song")] == ["Evening Story"]
    assert starred.findall(f"{NS}song")[0].get("starred")
    xml(client, "createPlaylist", apiKey=key, name="One", songId=sid(library[0]))
    [listed] = child(xml(client, "getPlaylists", apiKey=key), "playlists").findall(
        f"{NS}playlist")
    assert listed.get("songCount") == "1" and listed.get("owner") == "listener"
    playlist = child(xml(client, "getPlaylist", apiKey=key, id=listed.get("id")), "playlist")
    assert [e.get("title") for e in playlist.findall(f"{NS}entry")] == ["Morning Song"]
    xml(client, "createBookmark", apiKey=key, id=sid(library[2]), position=1000)
    [mark] = child(xml(client, "getBookmarks", apiKey=key), "bookmarks").findall(
        f"{NS}bookmark")
    assert mark.get("position") == "1000" and child(mark, "entry").get("title") == "Rainy Day"
    xml(client, "scrobble", apiKey=key, id=sid(library[0]))
    xml(client, "deletePlaylist", apiKey=key, id=listed.get("id"))
    assert child(xml(client, "getPlaylists", apiKey=key), "playlists").findall(
        f"{NS}playlist") == []


def test_errors_in_xml(client):
    response = client.get("/rest/getSong", query_string={"apiKey": "tcs_unknown"})
    root = ElementTree.fromstring(response.data)
    assert root.get("status") == "failed"
    assert child(root, "error").get("code") == "44"
