"""Albums, artists and genres through py-opensonic (JSON, POST/.view and GET) and XML."""

from xml.etree import ElementTree

import pytest
from libopensonic import errors

from tests import builders
from tests.subsonic.conftest import sid

NS = "{http://subsonic.org/restapi}"
TRACKS = [  # title, artist, album, year, genres, track number
    ("Moon Rise", "Nina Blue", "Night Songs", 2001, ["Jazz"], 1),
    ("Star Count", "Nina Blue", "Night Songs", 2001, ["Jazz", "Lullaby"], 2),
    ("Tall Trees", "The Trio", "Forest", 1999, ["Folk"], 1),
    ("Sunny", "Ola Sun", "Summer Hits", 2010, ["Pop"], 1),
]


@pytest.fixture
def albums(app, audio_dir):
    return [builders.make_track(app, audio_dir, title=title, artist=artist, album=album,
                                year=year, genres=genres, track_number=number,
                                category="Music", freq=200 + 30 * n, cover=n == 0)
            for n, (title, artist, album, year, genres, number) in enumerate(TRACKS)]


@pytest.mark.parametrize("use_get", [False, True], ids=["post-view", "get"])
def test_browsing_by_album_and_artist(account, sonic, albums, use_get):
    client = sonic(api_key=account()["key"], use_get=use_get)
    artists = client.get_artists()
    names = [a.name for index in artists.index for a in index.artist]
    assert names == ["Nina Blue", "Ola Sun", "The Trio"]
    nina = next(a for index in artists.index for a in index.artist if a.name == "Nina Blue")
    artist = client.get_artist(nina.id)
    assert [a.name for a in artist.album] == ["Night Songs"]
    album = client.get_album(artist.album[0].id)
    assert (album.song_count, album.year, album.artist) == (2, 2001, "Nina Blue")
    assert [s.title for s in album.song] == ["Moon Rise", "Star Count"]
    assert album.song[0].album_id == album.id and album.cover_art
    directory = client.get_music_directory(nina.id)
    assert [c.title for c in directory.child] == ["Night Songs"]
    assert [c.title for c in client.get_music_directory(album.id).child] == ["Moon Rise",
                                                                              "Star Count"]
    indexes = client.get_indexes()
    assert sum(len(index.artist) for index in indexes.index) == 3
    genres = {g.value: (g.song_count, g.album_count) for g in client.get_genres()}
    assert genres["Jazz"] == (2, 1) and genres["Folk"] == (1, 1)
    assert [s.title for s in client.get_songs_by_genre("Jazz", count=10)] == ["Moon Rise",
                                                                              "Star Count"]
    assert [s.title for s in client.get_top_songs("Nina Blue")] == ["Moon Rise", "Star Count"]
    assert client.get_artist_info2(nina.id).similar_artist in (None, [])
    assert client.get_album_info2(album.id) is not None
    with pytest.raises(errors.DataNotFoundError):
        client.get_album("al-0000000000000000")


@pytest.mark.parametrize("use_get", [False, True], ids=["post-view", "get"])
def test_album_lists(account, sonic, albums, use_get):
    client = sonic(api_key=account()["key"], use_get=use_get)

    def titles(kind, **options):
        return [a.name for a in client.get_album_list2(kind, size=10, **options)]

    assert titles("alphabeticalByName") == ["Forest", "Night Songs", "Summer Hits"]
    assert titles("alphabeticalByArtist") == ["Night Songs", "Summer Hits", "Forest"]
    assert titles("byYear", from_year=1990, to_year=2005) == ["Forest", "Night Songs"]
    assert titles("byYear", from_year=2020, to_year=1990) == ["Summer Hits", "Night Songs",
                                                              "Forest"]
    assert titles("byGenre", genre="Folk") == ["Forest"]
    assert sorted(titles("random")) == ["Forest", "Night Songs", "Summer Hits"]
    assert len(titles("newest")) == 3
    assert titles("recent") == [] and titles("frequent") == []
    client.scrobble(sid(albums[2]))
    assert titles("frequent") == ["Forest"] and titles("recent") == ["Forest"]
    assert [a.name for a in client.get_album_list("alphabeticalByName", size=2, offset=1)] == [
        "Night Songs", "Summer Hits"]
    forest = client.get_album_list2("byGenre", genre="Folk")[0]
    client.star(album_ids=[forest.id])
    assert titles("starred") == ["Forest"]
    assert [a.name for a in client.get_starred2().album] == ["Forest"]
    found = client.search3("night")
    assert [a.name for a in found.album] == ["Night Songs"]
    assert [a.name for a in client.search3("ola").artist] == ["Ola Sun"]
    everything = client.search3("", album_count=500, artist_count=500, song_count=500)
    assert (len(everything.album), len(everything.artist), len(everything.song)) == (3, 3, 4)


def test_album_xml_shapes(client, account, albums):
    key = account()["key"]

    def xml(method, **params):
        root = ElementTree.fromstring(client.get(f"/rest/{method}",
                                                 query_string={"apiKey": key, **params}).data)
        assert root.get("status") == "ok", ElementTree.tostring(root)
        return root

    artists = xml("getArtists").find(f"{NS}artists")
    letters = [index.get("name") for index in artists.findall(f"{NS}index")]
    assert letters == ["N", "O", "T"]  # "The Trio" files under T: only listed articles move
    album_id = xml("getAlbumList2", type="alphabeticalByName").find(
        f"{NS}albumList2").findall(f"{NS}album")[1].get("id")
    album = xml("getAlbum", id=album_id).find(f"{NS}album")
    assert album.get("name") == "Night Songs" and album.get("songCount") == "2"
    assert [s.get("title") for s in album.findall(f"{NS}song")] == ["Moon Rise", "Star Count"]
    genre = xml("getGenres").find(f"{NS}genres").findall(f"{NS}genre")[0]
    assert genre.text == "Folk" and genre.get("songCount") == "1"
    assert xml("getIndexes").find(f"{NS}indexes").get("lastModified")
    assert xml("getMusicDirectory", id=album_id).find(f"{NS}directory").get("name") == \
        "Night Songs"
    cover = album.get("coverArt")
    with client.get("/rest/getCoverArt", query_string={"apiKey": key, "id": album_id}) as got:
        assert got.mimetype == "image/jpeg" and cover
