"""The /rest/ methods, one module per family; importing a module registers its methods."""


def load():
    from server.subsonic.methods import (  # noqa: F401
        albums,
        annotation,
        bookmarks,
        browsing,
        jukebox,
        lyrics,
        media,
        playlists,
        searching,
        system,
    )
