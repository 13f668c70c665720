"""Behind a front server: trust its X-Forwarded-* headers, and HTTPS defaults when TLS is on."""

from werkzeug.middleware.proxy_fix import ProxyFix

HSTS = "max-age=31536000"  # no includeSubDomains: other hosts of a home network stay reachable


class ForceHttps:
    """TLS ends at the front server, so every request reached us over HTTPS: say so to Flask
    (absolute URLs, such as receivers' media links, become https:// and wss://)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        environ["wsgi.url_scheme"] = "https"
        return self.app(environ, start_response)


def fix_environ(app, environ):
    """Apply the proxy settings to a raw environ (the WebSocket hook runs before the app)."""
    trusted = app.config["TRUSTED_PROXIES"]
    if trusted:
        ProxyFix(lambda env, start: None, x_for=trusted, x_proto=trusted, x_port=trusted)(
            environ, None)
    if app.config["HTTPS"]:
        environ["wsgi.url_scheme"] = "https"


def add_hsts(response):
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app):
    """Wrap the WSGI app for TRUSTED_PROXIES and HTTPS; no change when both are off."""
    trusted = app.config["TRUSTED_PROXIES"]
    if app.config["HTTPS"]:
        app.wsgi_app = ForceHttps(app.wsgi_app)
        app.after_request(add_hsts)
        app.config["SESSION_COOKIE_SECURE"] = True
    if trusted:
        # Outermost: it runs first, so with HTTPS on, ForceHttps has the last word on the scheme.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_port=trusted)
