"""The phone app at `/`: the packaged build (dist/app/) when there is one, else mobile/."""

import mimetypes

from flask import Blueprint, current_app, request, send_from_directory
from werkzeug.security import safe_join

# Only these folders are served; anything else under / stays a JSON 404.
FOLDERS = "pages, js, css, lib, img, assets"
# Files under assets/ carry their content hash in their name: cache them for good.
IMMUTABLE = "public, max-age=31536000, immutable"

bp = Blueprint("web", __name__)


def app_file(folder, name):
    """A file of the app, revalidated on every use (ETag / Last-Modified) unless hashed."""
    if folder == "assets":
        return hashed_file(name)
    response = send_from_directory(current_app.config["APP_DIR"] / folder, name, max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def hashed_file(name):
    """A content-hashed file of the build, cached for good; its gzip twin when accepted."""
    folder = current_app.config["APP_DIR"] / "assets"
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "") and safe_join(
        str(folder), f"{name}.gz") and (folder / f"{name}.gz").is_file()
    response = send_from_directory(folder, f"{name}.gz" if gzipped else name, max_age=0,
                                   mimetype=mimetypes.guess_type(name)[0])
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = IMMUTABLE
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
