"""Albums, artists and genres: getArtists, getIndexes, getMusicDirectory, getArtist, getAlbum,
getGenres, getSongsByGenre, getAlbumList/getAlbumList2, getTopSongs, getArtistInfo2,
getAlbumInfo2; and the album and artist parts of search and getStarred.

All read the catalogue's albums, artists and genres (server.library.catalogue.album_queries,
ids `al-`/`ar-` from normalised names).
"""

import time

from flask import g

from server.library import tracks as library_tracks
from server.library.catalogue import album_queries, names, state
from server.subsonic import album_shapes, ids, library_reads, paging, shapes, user_state
from server.subsonic.errors import MISSING_PARAMETER, SubsonicError, not_found
from server.subsonic.methods.browsing import viewer
from server.subsonic.registry import method

ALL_ARTISTS = 100_000
LIST_TYPES = {"random": "random", "newest": "newest", "frequent": "most_played",
              "recent": "recently_played", "alphabeticalByName": "title",
              "alphabeticalByArtist": "artist", "byYear": "year", "byGenre": "title",
              "highest": "most_played"}


def conn():
    return state.current()


def starred_marks(field):
    return user_state.load("starred", g.subsonic_user["_id"]).get(field, {})


def album_row(value):
    row = album_queries.album(conn(), value) if ids.split(value)[0] == ids.ALBUM else None
    if row is None:
        raise not_found("Album")
    return row


def artist_row(value):
    row = album_queries.artist(conn(), value) if ids.split(value)[0] == ids.ARTIST else None
    if row is None:
        raise not_found("Artist")
    return row


def songs(docs):
    fans = viewer()
    return [shapes.song(doc, fans) for doc in docs]


def all_artists():
    rows, _ = album_queries.artist_page(conn(), page=1, per_page=ALL_ARTISTS)
    return album_shapes.artists(rows, starred_marks("artists"))


@method("getArtists")
def get_artists(params):
    return {"artists": {"ignoredArticles": album_shapes.IGNORED_ARTICLES,
                        "index": album_shapes.indexed(all_artists())}}


@method("getIndexes")
def get_indexes(params):
    """The folder view: artists are the top folders, their albums the next ones."""
    return {"indexes": {"ignoredArticles": album_shapes.IGNORED_ARTICLES,
                        "lastModified": int(time.time() * 1000),
                        "index": album_shapes.indexed(all_artists())}}


@method("getMusicDirectory")
def get_music_directory(params):
    value = params.required("id")
    kind = ids.split(value)[0]
    if kind == ids.ARTIST:
        row = artist_row(value)
        own, appears = album_queries.artist_albums(conn(), row["id"])
        children = album_shapes.albums(own + appears, starred_marks("albums"))
        return {"directory": {"id": row["id"], "name": row["name"], "child": children}}
    row = album_row(value)
    return {"directory": {"id": row["id"], "name": row["title"], "parent": row["artist_id"],
                          "child": songs(album_queries.album_tracks(conn(), row["id"]))}}


@method("getArtist")
def get_artist(params):
    row = artist_row(params.required("id"))
    own, appears = album_queries.artist_albums(conn(), row["id"])
    shaped = album_shapes.artists([row], starred_marks("artists"))[0]
    return {"artist": {**shaped, "album": album_shapes.albums(own + appears,
                                                              starred_marks("albums"))}}


@method("getAlbum")
def get_album(params):
    row = album_row(params.required("id"))
    shaped = album_shapes.albums([row], starred_marks("albums"))[0]
    return {"album": {**shaped, "song": songs(album_queries.album_tracks(conn(), row["id"]))}}


@method("getGenres")
def get_genres(params):
    return {"genres": {"genre": [{"value": row["name"], "songCount": row["track_count"],
                                  "albumCount": row["album_count"]}
                                 for row in album_queries.genres(conn())]}}


@method("getSongsByGenre")
def get_songs_by_genre(params):
    docs = library_reads.tracks_of_genre(params.required("genre"), params.offset("offset"),
                                         params.count("count", 10))
    return {"songsByGenre": {"song": songs(docs)}}


def years(params):
    """(from, to, reversed) of byYear; fromYear > toYear lists the years newest first."""
    start = params.required_int("fromYear", low=0, high=9999)
    end = params.required_int("toYear", low=0, high=9999)
    return min(start, end), max(start, end), start > end


def album_list(params):
    kind = params.required("type")
    if kind not in (*LIST_TYPES, "starred"):
        raise SubsonicError(MISSING_PARAMETER, f"type must be one of {', '.join(LIST_TYPES)}, "
                                               "starred")
    size, offset = params.count("size", 10), params.offset("offset")
    if kind == "starred":
        marks = starred_marks("albums")
        keys = sorted(marks, key=lambda key: marks[key], reverse=True)[offset:offset + size]
        return album_shapes.albums(album_queries.albums_by_ids(conn(), keys), marks)
    options = {"sort": LIST_TYPES[kind]}
    backwards = False
    if kind == "byYear":
        options["year_from"], options["year_to"], backwards = years(params)
    if kind == "byGenre":
        options["genre"] = params.required("genre")
    if kind == "random":
        options["seed"] = album_queries.new_seed()
    rows = year_window(options, offset, size, backwards)
    return album_shapes.albums(rows, starred_marks("albums"))


def year_window(options, offset, size, backwards):
    def fetch(page, per_page):
        return album_queries.album_page(conn(), page=page, per_page=per_page, **options)

    if not backwards:
        return paging.window(fetch, offset, size)[0]
    total = fetch(1, 1)[1]
    start = max(0, total - offset - size)
    rows = paging.window(fetch, start, max(0, total - offset - start))[0]
    return list(reversed(rows))


@method("getAlbumList")
def get_album_list(params):
    return {"albumList": {"album": album_list(params)}}


@method("getAlbumList2")
def get_album_list2(params):
    return {"albumList2": {"album": album_list(params)}}


@method("getTopSongs")
def get_top_songs(params):
    artist_id = names.artist_id(params.required("artist"))
    count = params.count("count", 50)
    docs = album_queries.top_tracks(conn(), artist_id, limit=count) if artist_id else []
    return {"topSongs": {"song": songs(docs)}}


@method("getArtistInfo2")
def get_artist_info2(params):
    artist_row(params.required("id"))
    return {"artistInfo2": {"biography": "", "similarArtist": []}}


@method("getArtistInfo")
def get_artist_info(params):
    artist_row(params.required("id"))
    return {"artistInfo": {"biography": "", "similarArtist": []}}


@method("getAlbumInfo2")
def get_album_info2(params):
    album_row(params.required("id"))
    return {"albumInfo": {"notes": ""}}


def search_artists(query, offset, count):
    if count == 0:
        return []
    if query is None:
        rows = paging.window(lambda page, per_page: album_queries.artist_page(
            conn(), page=page, per_page=per_page), offset, count)[0]
    else:
        rows = album_queries.search_artists(conn(), query, offset + count)[offset:]
    return album_shapes.artists(rows, starred_marks("artists"))


def search_albums(query, offset, count):
    if count == 0:
        return []
    if query is None:
        rows = paging.window(lambda page, per_page: album_queries.album_page(
            conn(), page=page, per_page=per_page), offset, count)[0]
    else:
        rows = album_queries.search_albums(conn(), query, offset + count)[offset:]
    return album_shapes.albums(rows, starred_marks("albums"))


def starred_albums(marks):
    return album_shapes.albums(album_queries.albums_by_ids(conn(), list(marks)), marks)


def starred_artists(marks):
    rows = [row for row in (album_queries.artist(conn(), key) for key in list(marks)[:500])
            if row is not None]
    return album_shapes.artists(rows, marks)


def album_cover_track(kind, key):
    """The track whose cover stands for an album or artist (None when unknown)."""
    value = f"{kind}-{key}"
    query = album_queries.album if kind == ids.ALBUM else album_queries.artist
    row = query(conn(), value) if kind in (ids.ALBUM, ids.ARTIST) else None
    if row is None or not row.get("cover_track_id"):
        return None
    return library_tracks.find_track(ids.object_id_of(ids.track_id(row["cover_track_id"]),
                                                      ids.TRACK))
