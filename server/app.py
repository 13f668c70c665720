"""The application factory: config, database, error handlers, CORS, blueprints."""

import logging

from flask import Flask
from flask_cors import CORS

from server import api, cli, converters, db, errors, openapi, realtime, receiver, sync, web
from server.config import load_config
from server.jsonutil import ApiJSONProvider

# Headers a media player reads from cross-origin responses (seeking needs the Range ones).
EXPOSED_HEADERS = ["Content-Range", "Accept-Ranges", "Content-Length", "ETag", "Retry-After"]


def build_app(config=None):
    """Build the app; `config` is a dict of overrides applied on top of the environment's."""
    settings = load_config(config)
    app = Flask(__name__)
    app.json_provider_class = ApiJSONProvider
    app.json = ApiJSONProvider(app)
    app.config.from_object(settings)
    app.config["ENV_NAME"] = settings.ENV_NAME
    logging.basicConfig(level=app.config["LOG_LEVEL"],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    converters.init_app(app)
    errors.init_app(app)
    db.init_app(app)
    sync.init_app(app)
    CORS(app, origins=app.config["CORS_ORIGINS"], expose_headers=EXPOSED_HEADERS,
         supports_credentials=False)
    api.init_app(app)
    realtime.init_app(app)
    receiver.init_app(app)
    openapi.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app
