"""The /ws endpoint (gevent-websocket): refuse, or serve one session."""

from flask import Blueprint, current_app, request

from server.errors import ApiError
from server.realtime import handshake, session
from server.realtime.connection import CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, Connection
from server.realtime.protocol import error_reply

bp = Blueprint("realtime", __name__)


@bp.route("/ws", websocket=True)
def live_socket():
    """The live socket: ?token= (app) or ?device_token= (receiver); see docs/realtime.md."""
    ws = request.environ.get("wsgi.websocket")
    if ws is None:
        raise request.environ.get(handshake.REFUSAL_KEY) or ApiError(
            400, "websocket_required", "Open this URL as a WebSocket")
    identity = request.environ.get(handshake.IDENTITY_KEY)
    if identity is None:
        identity = check_after_upgrade(ws)
    if identity is not None:
        session.run(ws, identity, request.host_url)
    return ""


def check_after_upgrade(ws):
    """Without the pre-start hook: authenticate now; on refusal send `error`, close 4401/4403."""
    try:
        return handshake.check(current_app, request.environ, request.args)
    except ApiError as error:
        connection = Connection(ws, current_app.config["WS_HEARTBEAT_SECONDS"])
        connection.send(current_app.json.dumps(error_reply(None, error)))
        connection.close(CLOSE_FORBIDDEN if error.status == 403 else CLOSE_UNAUTHORIZED,
                         error.message)
        connection.loop(lambda text: None)
        return None
