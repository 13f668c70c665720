"""Albums and artists for search and cover art (the browsing methods arrive with the albums
catalogue of issue #12)."""


def search_artists(query, offset, count):
    return []


def search_albums(query, offset, count):
    return []


def album_cover_track(kind, key):
    return None


def starred_artists(marks):
    return []


def starred_albums(marks):
    return []
