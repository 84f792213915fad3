"""The JSON API under /api/v1: one module per resource, calling the same services."""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def init_app(app: Flask) -> None:
    """Register the API blueprint; JSON clients send no CSRF form token."""
    from wiki.api import pages  # noqa: F401 (registers routes on bp)

    app.register_blueprint(bp)
