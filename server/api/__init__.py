"""The REST API: one blueprint per resource, all under /api/v1."""

API_PREFIX = "/api/v1"


def blueprints():
    """Every API blueprint, imported when the app is built (not at package import)."""
    from server.api import devices, health

    return (health.bp, devices.bp)


def init_app(app):
    for bp in blueprints():
        app.register_blueprint(bp, url_prefix=API_PREFIX)
