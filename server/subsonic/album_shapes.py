"""Albums and artists of the catalogue (server.library.catalogue.album_queries) as Subsonic
shows them: AlbumID3 (also used as the folder-style Album), ArtistID3, genres."""

from server.library import tracks as library_tracks
from server.subsonic import ids, shapes


def cover_ids(rows):
    """{cover track id: coverArt id} for the rows' cover tracks (one catalogue query)."""
    wanted = [row["cover_track_id"] for row in rows if row.get("cover_track_id")]
    docs = library_tracks.find_tracks_by_ids([ids.object_id_of(ids.track_id(t), ids.TRACK)
                                              for t in wanted])
    return {str(key): ids.cover_id(ids.TRACK, key, doc.get("cover_hash"))
            for key, doc in docs.items()}


def album(row, covers, starred=None):
    return {"id": row["id"], "name": row["title"], "title": row["title"],
            "album": row["title"], "isDir": True, "parent": row["artist_id"],
            "artist": row["artist"], "artistId": row["artist_id"],
            "coverArt": covers.get(row.get("cover_track_id")),
            "songCount": row["track_count"], "duration": int(round(row["duration"])),
            "playCount": row["play_count"], "created": row["created_at"],
            "year": row["year"], "genre": (row.get("genres") or [None])[0],
            "genres": [{"name": name} for name in row.get("genres") or []],
            "starred": shapes.iso(starred) if starred else None,
            "played": row.get("last_played")}


def albums(rows, starred_marks=None):
    covers = cover_ids(rows)
    marks = starred_marks or {}
    return [album(row, covers, marks.get(row["id"])) for row in rows]


def artist(row, covers, starred=None):
    return {"id": row["id"], "name": row["name"], "albumCount": row["album_count"],
            "coverArt": covers.get(row.get("cover_track_id")),
            "starred": shapes.iso(starred) if starred else None}


def artists(rows, starred_marks=None):
    covers = cover_ids(rows)
    marks = starred_marks or {}
    return [artist(row, covers, marks.get(row["id"])) for row in rows]


IGNORED_ARTICLES = "The El La Los Las Le Les Der Die Das"


def index_letter(name):
    """The index an artist is listed under: its first letter without a leading article."""
    words = name.split(" ", 1)
    if len(words) == 2 and words[0] in IGNORED_ARTICLES.split():
        name = words[1]
    first = name[:1].upper()
    return first if first.isalpha() else "#"


def indexed(artist_shapes):
    """[{"name": letter, "artist": [...]}] in letter order."""
    groups = {}
    for item in artist_shapes:
        groups.setdefault(index_letter(item["name"]), []).append(item)
    return [{"name": letter, "artist": groups[letter]} for letter in sorted(groups)]
