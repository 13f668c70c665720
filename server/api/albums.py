"""/api/v1/albums, /artists and /genres: the library by album, artist and genre."""

import re

from flask import Blueprint, request

from server.api.tracks import present
from server.errors import ValidationError, not_found
from server.library import albums
from server.library.catalogue import album_queries, names
from server.requests_util import int_arg, page_of, paging

bp = Blueprint("albums", __name__)
ID = re.compile(names.ID_PATTERN)
MAX_GENRE_LENGTH = 40


def id_or_404(value, prefix, what):
    """An al-/ar- id, else 404 (an id of the wrong shape names nothing)."""
    if not (value.startswith(prefix) and ID.match(value)):
        raise not_found(what)
    return value


def album_sort():
    sort = request.args.get("sort") or "title"
    if sort not in albums.ALBUM_SORTS:
        raise ValidationError({"sort": f"must be one of {', '.join(albums.ALBUM_SORTS)}"})
    return sort


def album_filters():
    """genre, year_from, year_to and artist_id from the query string, checked."""
    genre = request.args.get("genre", "").strip() or None
    if genre and len(genre) > MAX_GENRE_LENGTH:
        raise ValidationError({"genre": f"must be at most {MAX_GENRE_LENGTH} characters"})
    artist_id = request.args.get("artist_id")  # given but empty is a mistake too
    if artist_id is not None and not (artist_id.startswith(names.ARTIST_PREFIX)
                                      and ID.match(artist_id)):
        raise ValidationError({"artist_id": "must be an artist id (ar-...)"})
    year_from, year_to = int_arg("year_from", None, 0, 9999), int_arg("year_to", None, 0, 9999)
    if year_from is not None and year_to is not None and year_from > year_to:
        raise ValidationError({"year_to": "must not be before year_from"})
    return {"genre": genre, "artist_id": artist_id, "year_from": year_from, "year_to": year_to}


@bp.get("/albums")
def list_albums():
    """A page of albums in one order, filtered by genre, years and album artist."""
    page, per_page = paging()
    sort = album_sort()
    seed = int_arg("seed", None, 1, 2**31) or album_queries.new_seed()
    items, total = albums.list_albums(sort=sort, seed=seed, page=page, per_page=per_page,
                                      **album_filters())
    body = page_of(items, total, page, per_page)
    if sort == "random":
        body["seed"] = seed  # ask again with it for the next page of the same shuffle
    return body


@bp.get("/albums/<album_id>")
def get_album(album_id):
    """One album with its tracks in disc and track order."""
    album, docs = albums.get_album_or_404(id_or_404(album_id, names.ALBUM_PREFIX, "album"))
    return {**album, "tracks": present(docs)}


@bp.get("/artists")
def list_artists():
    """A page of artists by name."""
    page, per_page = paging()
    items, total = albums.list_artists(page, per_page)
    return page_of(items, total, page, per_page)


@bp.get("/artists/<artist_id>")
def get_artist(artist_id):
    """One artist: their albums, the albums they appear on and their top tracks."""
    artist, own, appears, top = albums.get_artist_or_404(
        id_or_404(artist_id, names.ARTIST_PREFIX, "artist"))
    return {**artist, "albums": own, "appears_on": appears, "top_tracks": present(top)}


@bp.get("/genres")
def list_genres():
    """Every genre with its numbers of tracks and albums."""
    return {"items": albums.genres()}
