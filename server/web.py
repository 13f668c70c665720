"""The phone app at `/`: the packaged build (dist/app/) when there is one, else mobile/."""

from flask import Blueprint, current_app, send_from_directory

# Only these folders are served; anything else under / stays a JSON 404.
FOLDERS = "pages, js, css, lib, img, assets"
# Files under assets/ carry their content hash in their name: cache them for good.
IMMUTABLE = "public, max-age=31536000, immutable"

bp = Blueprint("web", __name__)


def app_file(folder, name):
    """A file of the app, revalidated on every use (ETag / Last-Modified) unless hashed."""
    response = send_from_directory(current_app.config["APP_DIR"] / folder, name, max_age=0)
    if folder == "assets" and response.status_code in (200, 304):
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/")
def index():
    """The app's main webview."""
    return app_file(".", "index.html")


@bp.get("/manifest.json")
def manifest():
    """The HBuilder manifest (also tells a browser what the app is)."""
    return app_file(".", "manifest.json")


@bp.get("/sw.js")
def service_worker():
    """The app's service worker, at the root so that its scope covers every page."""
    return app_file(".", "sw.js")


@bp.get(f"/<any({FOLDERS}):folder>/<path:name>")
def asset(folder, name):
    """A page, script, stylesheet, image or MUI file of the app."""
    return app_file(folder, name)


def init_app(app):
    app.register_blueprint(bp)
