"""GET /api/v1/scan: the music folders' latest scan (state, counts, current file, errors)."""

from flask import Blueprint

from server.auth import login_required
from server.library import scan_status

bp = Blueprint("scan", __name__)


@bp.get("/scan")
@login_required
def scan():
    """The latest scan's progress as every process sees it (idle before the first)."""
    return scan_status.load()
