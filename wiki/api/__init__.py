"""The JSON API under /api/v1: one module per resource, calling the same services."""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def init_app(app: Flask) -> None:
    """Register the API blueprint.

    The API takes JSON only (a 415 otherwise). A cross-site page cannot send JSON to
    us without a CORS preflight, which we never allow, so form CSRF tokens are not
    needed here; personal API tokens arrive with accounts.
    """
    from wiki.api import pages  # noqa: F401 (registers routes on bp)
    from wiki.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
