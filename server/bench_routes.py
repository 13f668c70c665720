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
