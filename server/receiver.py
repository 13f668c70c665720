"""Serves the receiver (receiver/: plain HTML and ES modules) at /receiver/."""

from flask import Blueprint, redirect, send_from_directory

from server.config import PROJECT_ROOT

RECEIVER_ROOT = PROJECT_ROOT / "receiver"
bp = Blueprint("receiver", __name__)


@bp.get("/receiver")
def receiver_root():
    """The receiver lives under /receiver/ so its relative module paths resolve."""
    return redirect("/receiver/", code=308)


@bp.get("/receiver/")
@bp.get("/receiver/<path:filename>")
def receiver_file(filename="index.html"):
    """A file of the receiver page (send_from_directory refuses paths outside the folder)."""
    return send_from_directory(RECEIVER_ROOT, filename, max_age=0)


def init_app(app):
    app.register_blueprint(bp)
