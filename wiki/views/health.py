"""Health check for load balancers and monitoring."""

from flask import Blueprint

from wiki.errors import HTTP_MESSAGES
from wiki.services.setup import database_ok

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the database answers, else 503."""
    if database_ok():
        return {"status": "ok"}
    return {"message": HTTP_MESSAGES[503]}, 503
