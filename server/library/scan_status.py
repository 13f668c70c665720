"""The scan's progress, one document by _id, for `GET /api/v1/scan` in every process."""

from server.db import get_db

STATUS_ID = "library"
# known_skipped: files skipped by an earlier scan and unchanged since (not opened, not listed
# in errors again); cover_changed: unchanged tracks given their directory's new cover file.
COUNTS = ("seen", "unchanged", "added", "changed", "moved", "missing", "deleted", "skipped",
          "known_skipped", "failed", "cover_changed")
MAX_ERRORS = 200  # the newest are kept; the CLI prints every one


def collection():
    return get_db().scan_status


def empty():
    """The state before any scan has run."""
    return {"state": "idle", "folders": [], "started_at": None, "finished_at": None,
            "current": None, "total": 0, "done": 0,
            "counts": dict.fromkeys(COUNTS, 0), "errors": []}


def save(status):
    """Replace the progress document (a collection of one document: cheap on FerretDB)."""
    doc = {**status, "errors": status["errors"][-MAX_ERRORS:]}
    collection().replace_one({"_id": STATUS_ID}, doc, upsert=True)


def load():
    """The latest scan's progress (or the idle state)."""
    doc = collection().find_one({"_id": STATUS_ID})
    if doc is None:
        return empty()
    doc.pop("_id")
    return {**empty(), **doc}
