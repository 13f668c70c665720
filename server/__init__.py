"""Tapcast server: create_app() builds the Flask application.

Importing this package imports nothing else, so `python -m server` can monkey-patch
with gevent before Flask or pymongo is loaded.
"""


def create_app(config=None):
    """Build the app; `config` is a dict of overrides applied on top of the environment's."""
    from server.app import build_app

    return build_app(config)
