"""POST/GET /api/v1/me/history: where the caller stopped in each track, recent first."""

from flask import Blueprint

from server.auth import current_user, login_required
from server.personal import history, presenting
from server.requests_util import json_body, page_of, paging
from server.rules import member_tally

bp = Blueprint("history", __name__)


@bp.post("/me/history")
@login_required
def report_play():
    """Record the player's position in a track (sent every few seconds and on pause)."""
    track_id, position, completed = history.parse_report(json_body())
    user = current_user()
    shown = presenting.report_play(user["_id"], track_id, position, completed)
    # Only the app's own player counts a child's listening time (not Subsonic scrobbles).
    member_tally.count_report(user, track_id, position, completed)
    return shown


@bp.get("/me/history")
@login_required
def list_history():
    """Recently played tracks, one row per track, most recent first."""
    page, per_page = paging()
    entries, total = presenting.recent_history(current_user()["_id"], page, per_page)
    return page_of(entries, total, page, per_page)
