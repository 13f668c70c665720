"""The REST API: one blueprint per resource, all under /api/v1."""

API_PREFIX = "/api/v1"


def blueprints():
    """Every API blueprint, imported when the app is built (not at package import)."""
    from server.api import conversations, health

    return (health.bp, conversations.bp)


def media_blueprints():
    """Blueprints serving files under /media."""
    from server.api import conversations

    return (conversations.media_bp,)


def init_app(app):
    for bp in blueprints():
        app.register_blueprint(bp, url_prefix=API_PREFIX)
    for bp in media_blueprints():
        app.register_blueprint(bp, url_prefix="/media")
