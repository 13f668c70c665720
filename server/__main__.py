"""`python -m server`: serve with gevent + WebSocket support; other words run a Flask command.

    python -m server                  serve on $HOST:$PORT (default 127.0.0.1:5000)
    python -m server import DIR       any `flask --app server` command
"""

import sys

from gevent import monkey

# Patch before Flask, pymongo or anything that touches sockets or threads is imported. Only
# serving needs gevent; commands run plain (the import's process pool needs real threads).
if sys.argv[1:2] in ([], ["serve"]):
    monkey.patch_all()

import os  # noqa: E402
import socket  # noqa: E402


def serve():
    import logging

    from server import create_app, realtime
    from server.config import ConfigError
    from server.http_server import TapcastServer
    from server.library import scan_process
    from server.library.catalogue import state as catalogue
    from server.realtime.handshake import make_pre_start_hook

    try:
        app = create_app()
    except ConfigError as exc:
        sys.exit(f"tapcast: refusing to start: {exc}")
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    # The app writes its own structured access log; gevent's would duplicate it as text.
    server = TapcastServer((host, port), app, log=None, error_log=logging.getLogger("gevent"),
                           header_timeout=app.config["HEADER_TIMEOUT_SECONDS"],
                           body_timeout=app.config["BODY_TIMEOUT_SECONDS"],
                           max_per_address=app.config["MAX_CONNECTIONS_PER_ADDRESS"])
    server.init_socket()
    # Accepted sockets inherit TCP_NODELAY (Linux): without it, small responses written in
    # two sends wait for the client's delayed ACK (~40 ms per request on keep-alive).
    server.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    # Refuse bad /ws credentials before gevent-websocket answers 101 (see server/realtime).
    server.pre_start_hook = make_pre_start_hook(app)
    realtime.start(app)
    catalogue.start_loading(app)  # health answers at once; library reads wait for it
    scan_process.start(app)  # the music folders, in place: in full the first time
    print(f"Tapcast serving on http://{host}:{port}", flush=True)
    server.serve_forever()


def main(argv):
    if not argv or argv[0] == "serve":
        serve()
        return
    from flask.cli import FlaskGroup

    from server import create_app

    FlaskGroup(create_app=create_app).main(args=argv, prog_name="python -m server")


if __name__ == "__main__":
    main(sys.argv[1:])
