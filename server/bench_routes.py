"""A bare JSON route for `make bench`: the baseline that real endpoints are measured against.

Registered only when BENCH_ROUTES is on (production refuses it); it sits outside /api/ so
the OpenAPI document and schemathesis never see it.
"""

from flask import Blueprint

bp = Blueprint("bench", __name__)
PAYLOAD = {"items": [], "total": 0, "page": 1, "per_page": 20}


@bp.get("/_bench/bare")
def bare():
    """The cheapest JSON answer the stack can give: no database, no auth."""
    return PAYLOAD


def init_app(app):
    if app.config["BENCH_ROUTES"]:
        app.register_blueprint(bp)


BLANK_PAGE = "<!doctype html><html><head><title>blank</title></head><body data-blank></body></html>"


@bp.get("/_bench/blank")
def blank():
    """A static blank page: the baseline for the app's first paint."""
    return BLANK_PAGE, 200, {"Content-Type": "text/html; charset=utf-8"}
