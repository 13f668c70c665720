"""The phone app's files (mobile/) at `/`, so a browser gets a working app from the server."""

from pathlib import Path

from flask import Blueprint, send_from_directory

MOBILE_ROOT = Path(__file__).resolve().parent.parent / "mobile"
# Only these folders are served; anything else under / stays a JSON 404.
FOLDERS = "pages, js, css, lib, img"

bp = Blueprint("web", __name__)


@bp.get("/")
def index():
    """The app's main webview."""
    return send_from_directory(MOBILE_ROOT, "index.html")


@bp.get("/manifest.json")
def manifest():
    """The HBuilder manifest (also tells a browser what the app is)."""
    return send_from_directory(MOBILE_ROOT, "manifest.json")


@bp.get(f"/<any({FOLDERS}):folder>/<path:name>")
def asset(folder, name):
    """A page, script, stylesheet or MUI file of the app."""
    return send_from_directory(MOBILE_ROOT / folder, name)


def init_app(app):
    app.register_blueprint(bp)
