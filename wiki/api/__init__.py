"""The JSON API under /api/v1: one module per resource, calling the same services."""

from flask import Blueprint, Flask, g, request

from wiki import permissions
from wiki.errors import BadRequest, Unauthorized, UnsupportedType
from wiki.services import accounts

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def authenticate() -> None:
    """Find the caller from a personal token; the API ignores session cookies."""
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("Stuur je token als 'Authorization: Bearer <token>'.")
        g.api_user = accounts.user_for_token(secret.strip())
        if g.api_user is None:
            raise Unauthorized("Dit API-token is ongeldig of ingetrokken.")
    if not permissions.can(g.api_user, "read"):
        raise Unauthorized("Log in met een API-token om de wiki te lezen.")


def json_body() -> dict:
    """Return the request's JSON object, or a Dutch 400/415."""
    if not request.is_json:
        raise UnsupportedType()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest('Stuur een JSON-object, bijvoorbeeld {"title": "…"}.')
    return data


def caller():
    """Return the user whose token came with this request, or None."""
    return g.get("api_user")


def init_app(app: Flask) -> None:
    """Register the API blueprint.

    The API authenticates with personal tokens in the Authorization header, never with
    cookies, so a forged cross-site request carries no credentials: form CSRF tokens
    are not needed here. Writes take JSON only (a 415 otherwise).
    """
    from wiki.api import contributions, pages, search  # noqa: F401 (registers routes on bp)
    from wiki.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
