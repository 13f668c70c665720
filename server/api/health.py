"""GET /api/v1/health: is the server up, and can it reach its database?"""

import logging

from flask import Blueprint, current_app
from pymongo.errors import PyMongoError

from server import db
from server.errors import ApiError
from server.jsonutil import utcnow
from server.library.catalogue import state as catalogue
from server.version import VERSION

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/health")
def health():
    """Report the server's and the database's state (503 when the database is unreachable)."""
    try:
        db.ping()
    except PyMongoError as exc:
        # The cause goes to the log; clients learn only that the database is down.
        log.warning("health: database unreachable: %s", type(exc).__name__)
        raise ApiError(503, "db_unavailable", "The database is unreachable", {"db": "down"},
                       headers={"Retry-After": "5"}) from None
    return {"status": "ok", "db": "ok", "catalogue": catalogue.status(current_app),
            "version": VERSION,
            "env": current_app.config["ENV_NAME"], "time": utcnow()}
