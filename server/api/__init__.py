"""The REST API: one blueprint per resource, all under /api/v1."""

API_PREFIX = "/api/v1"


def blueprints():
    """Every API blueprint, imported when the app is built (not at package import)."""
    from server.api import health, tracks

    return (health.bp, tracks.bp)


def init_app(app):
    from server.api import media

    for bp in blueprints():
        app.register_blueprint(bp, url_prefix=API_PREFIX)
    # Media files live outside the JSON API's prefix: /media/tracks/<id>/audio.
    app.register_blueprint(media.bp)
