"""The REST API: one blueprint per resource, all under /api/v1 (media files under /media)."""

API_PREFIX = "/api/v1"


def blueprints():
    """Every API blueprint, imported when the app is built (not at package import)."""
    from server.api import (
        albums,
        auth,
        conversations,
        devices,
        favorites,
        health,
        history,
        household,
        me,
        playlists,
        rules,
        scan,
        search,
        subsonic_keys,
        tracks,
    )

    return (health.bp, tracks.bp, albums.bp, search.bp, auth.bp, me.bp, favorites.bp,
            playlists.bp, history.bp, devices.bp, rules.bp, conversations.bp, household.bp,
            scan.bp, subsonic_keys.bp)


def media_blueprints():
    """Blueprints that serve files; their rules carry their own /media/... paths."""
    from server.api import avatars, conversations, media

    return (media.bp, avatars.bp, conversations.media_bp)


def init_app(app):
    for bp in blueprints():
        app.register_blueprint(bp, url_prefix=API_PREFIX)
    for bp in media_blueprints():
        app.register_blueprint(bp)
