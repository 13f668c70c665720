"""Albums, artists and genres as the API shows them, read from this process's catalogue."""

from server.errors import not_found
from server.library import cover_urls
from server.library.catalogue import album_queries, names, state

ALBUM_SORTS = tuple(album_queries.ALBUM_SORTS)


def row_cover_urls(row):
    """The cover of an album or artist is one of its tracks' (the default cover when none)."""
    if row["cover_track_id"] is None:
        return {"cover_url": None, "thumb_url": None}
    return cover_urls.cover_urls(row["cover_track_id"], row["cover_hash"])


def present_album(row):
    """An album row as the API shows it."""
    return {
        "id": row["id"], "title": row["title"], "artist": row["artist"],
        "artist_id": row["artist_id"], "year": row["year"], "genres": row["genres"],
        "track_count": row["track_count"], "disc_count": row["disc_count"],
        "duration": round(row["duration"], 3), "play_count": row["play_count"],
        "compilation": row["artist"] == names.VARIOUS_ARTISTS,
        "created_at": row["created_at"], "last_played": row["last_played"],
        **row_cover_urls(row),
    }


def present_artist(row):
    """An artist row as the API shows it."""
    return {"id": row["id"], "name": row["name"], "album_count": row["album_count"],
            "track_count": row["track_count"], "play_count": row["play_count"],
            **row_cover_urls(row)}


def list_albums(**options):
    """(albums of the page as shown, total); options as album_queries.album_page."""
    rows, total = album_queries.album_page(state.current(), **options)
    return [present_album(row) for row in rows], total


def get_album_or_404(album_id):
    """(album as shown, its track documents in disc and track order)."""
    conn = state.current()
    row = album_queries.album(conn, album_id)
    if row is None:
        raise not_found("album")
    return present_album(row), album_queries.album_tracks(conn, album_id)


def list_artists(page, per_page):
    """(artists of the page by name, as shown; total)."""
    rows, total = album_queries.artist_page(state.current(), page=page, per_page=per_page)
    return [present_artist(row) for row in rows], total


def get_artist_or_404(artist_id):
    """(artist as shown, their albums, albums they appear on, top track documents)."""
    conn = state.current()
    row = album_queries.artist(conn, artist_id)
    if row is None:
        raise not_found("artist")
    own, appears = album_queries.artist_albums(conn, artist_id)
    return (present_artist(row), [present_album(a) for a in own],
            [present_album(a) for a in appears], album_queries.top_tracks(conn, artist_id))


def genres():
    """Every genre with its numbers of tracks and albums, by name."""
    return album_queries.genres(state.current())


def search(q, limit):
    """(albums, artists) matching q, as shown, at most `limit` of each."""
    conn = state.current()
    return ([present_album(a) for a in album_queries.search_albums(conn, q, limit)],
            [present_artist(a) for a in album_queries.search_artists(conn, q, limit)])
