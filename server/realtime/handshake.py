"""Who may open /ws: the Origin check and authentication, before the upgrade when possible.

gevent-websocket answers 101 before Flask runs, so `python -m server` installs
pre_start_hook(): it checks the request first and, on refusal, lets it fall through to Flask
as a plain request that the /ws view answers with the JSON error (401/403). Without the hook
(another server), the view checks after the upgrade and closes with 4401/4403.
"""

from dataclasses import dataclass
from datetime import datetime

from pymongo.errors import PyMongoError

from server import auth, proxies
from server.devices import devices
from server.errors import ApiError
from server.realtime import penalties

IDENTITY_KEY = "tapcast.ws_identity"
REFUSAL_KEY = "tapcast.ws_refusal"
WS_PATH = "/ws"


@dataclass
class Identity:
    kind: str  # "app" or "receiver"
    user: dict | None = None
    device: dict | None = None
    token: str | None = None  # an app session's raw token (its sockets close when revoked)
    expires_at: datetime | None = None


def origin_allowed(environ, allowed_origins):
    """No Origin (not a browser), the same origin, or a configured one."""
    origin = environ.get("HTTP_ORIGIN")
    if not origin or "*" in allowed_origins or origin in allowed_origins:
        return True
    return origin == f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST')}"


def identify(args):
    """The Identity for the query string's token or device_token; ApiError 401 otherwise."""
    token, device_token = args.get("token"), args.get("device_token")
    if token and device_token:
        raise ApiError(401, "auth_required", "Send either token or device_token, not both")
    if token:
        user, record = auth.authenticate_with_record(token)
        return Identity("app", user=user, token=token, expires_at=record["expires_at"])
    if device_token:
        device = devices.find_by_token(device_token)
        if device is None:
            raise ApiError(401, "invalid_device_token",
                           "The device token is unknown or the device was removed")
        return Identity("receiver", device=device)
    raise ApiError(401, "auth_required", "Connect with ?token= (app) or ?device_token= (receiver)")


def check(app, environ, args):
    """The Identity of a /ws request, or ApiError (429 an address cooling down after abuse,
    403 bad origin, 401 bad credentials)."""
    wait = penalties.remaining(environ.get("REMOTE_ADDR"))
    if wait:
        raise ApiError(429, "socket_cooldown",
                       "This address's last socket was closed for abuse; retry shortly",
                       headers={"Retry-After": str(max(1, round(wait)))})
    if not origin_allowed(environ, app.config["CORS_ORIGINS"]):
        raise ApiError(403, "origin_not_allowed", "This origin may not open the socket",
                       {"origin": environ.get("HTTP_ORIGIN")})
    return identify(args)


def make_pre_start_hook(app):
    """A WSGIServer.pre_start_hook that refuses bad /ws handshakes before the 101."""
    def hook(handler):
        environ = handler.environ
        if environ.get("PATH_INFO") != WS_PATH:
            return False
        proxies.fix_environ(app, environ)  # the real scheme and address, as the view sees them
        with app.request_context(environ):
            from flask import request

            try:
                environ[IDENTITY_KEY] = check(app, environ, request.args)
            except PyMongoError:
                environ[REFUSAL_KEY] = ApiError(503, "db_unavailable",
                                                "The database is unavailable; try again shortly",
                                                headers={"Retry-After": "5"})
            except ApiError as error:
                environ[REFUSAL_KEY] = error
            else:
                return False
        # Answered by Flask as plain HTTP (the view raises the refusal), then closed: what a
        # socket client sends next is frames, not requests. Kept open, the giant-frame
        # attacker's megabyte after each refusal was parsed as a request line.
        handler.close_connection = True
        return True

    return hook
