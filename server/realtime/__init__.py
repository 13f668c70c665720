"""Live remote play: the WebSocket endpoint, its hub, the message protocol and the broker.

init_app(app) builds the hub (memory or Redis broker), registers /ws and subscribes the hub to
server.sync; start(app) begins the background work of a serving process (broker listener,
sweeper). Importing this package connects to nothing.
"""


def init_app(app):
    from server import sync
    from server.realtime import hub, views

    the_hub = hub.init_app(app)
    sync.subscribe(app, the_hub.publish_sync)
    app.register_blueprint(views.bp)


def start(app):
    """Start the broker listener and the sweeper (called by the serving process)."""
    from server.realtime import hub, sweeper

    hub.get_hub(app).start()
    sweeper.start(app)
