"""The application factory: config, logging, security, database, errors, blueprints."""

from flask import Flask

from server import (
    api,
    bench_routes,
    cli,
    converters,
    db,
    errors,
    logging_setup,
    metrics,
    openapi,
    proxies,
    realtime,
    receiver,
    security,
    subsonic,
    sync,
    web,
)
from server.config import load_config
from server.jsonutil import ApiJSONProvider


def build_app(config=None):
    """Build the app; `config` is a dict of overrides applied on top of the environment's."""
    settings = load_config(config)
    app = Flask(__name__)
    app.json_provider_class = ApiJSONProvider
    app.json = ApiJSONProvider(app)
    app.config.from_object(settings)
    app.config["ENV_NAME"] = settings.ENV_NAME

    proxies.init_app(app)
    logging_setup.init_app(app)
    metrics.init_app(app)
    security.init_app(app)
    converters.init_app(app)
    errors.init_app(app)
    db.init_app(app)
    sync.init_app(app)
    api.init_app(app)
    subsonic.init_app(app)
    realtime.init_app(app)
    receiver.init_app(app)
    openapi.init_app(app)
    bench_routes.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app
