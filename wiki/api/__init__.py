"""The JSON API under /api/v1: one module per resource, calling the same services.

Adding a route, in the style of the others:

1. Describe its query or body and its answer in `schemas.py` (pydantic; lists extend
   `Listing` and take `Paging`'s `page` and `per_page`).
2. Write the handler in the resource's module, decorated with `@operation(...)` under
   the route: `def add_x(slug: str, json: schemas.XCreate)` gets the checked body (a
   `query:` parameter gets the checked query string). Call one service function with
   `caller()`; return a dict in the answer's shape, a list through `listed(...)`.
3. Raise `wiki.errors` exceptions: they become problem details (application/problem+json).
4. The route is now in `/api/v1/openapi.json` and `/api/v1/docs`; `tests/test_api_openapi.py`
   fails until it is, and the schemathesis run exercises it.

Handler docstrings and schema docstrings are in Dutch: they are the reference's text
(summary on the first line, the rest as its description).
"""

from collections.abc import Callable, Iterable

from flask import Blueprint, Flask, g, request, url_for
from pydantic import BaseModel
from spectree import Response, SecurityScheme, SpecTree
from spectree.models import SecureType, SecuritySchemeData

from wiki import permissions
from wiki.errors import BadRequest, Invalid, Unauthorized, UnsupportedType
from wiki.pagination import Pagination
from wiki.services import accounts

bp = Blueprint("api", __name__, url_prefix="/api/v1")

BEARER = "bearerAuth"
# Reads are open like the site (unless WIKI_ANONYMOUS_READ=false); writes need a token.
READ = [{}, {BEARER: []}]
WRITE = [{BEARER: []}]
# Routes anyone may fetch, even where the wiki itself asks to sign in: they describe the API.
PUBLIC = {"api.index", "api.openapi", "api.docs"}


def _before(req, resp, error, instance, adapter) -> None:
    """Answer a request that breaks its schema with problem details, in Dutch.

    Spectree calls this after checking the request and before the handler runs. A
    body that is not JSON is refused first; then a bad query string is a 400 and a bad
    body a 422, with every field named.
    """
    if req.method in ("POST", "PUT", "PATCH"):
        if caller() is None:
            raise Unauthorized("Stuur een API-token om te schrijven: 'Authorization: Bearer …'.")
        json_body()
    if error is None:
        return
    from wiki.api.validation import dutch_errors

    errors = dutch_errors(error)
    if req.method in ("POST", "PUT", "PATCH"):
        raise Invalid(errors=errors)
    field, text = next(iter(errors.items()))
    raise BadRequest(f"'{field}': {text}", errors=errors)


spec = SpecTree(
    "flask",
    mode="strict",
    title="AV-wiki API",
    version="1",
    description=(
        "De JSON-API van de AV-wiki: lezen, zoeken, bewerken en bijdragen. "
        "Fouten zijn problem details (RFC 9457) met een Nederlandse uitleg."
    ),
    path="apidoc",
    before=_before,
    validation_error_model=None,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda parent, child: child,
    security_schemes=[
        SecurityScheme(
            name=BEARER,
            data=SecuritySchemeData(
                type=SecureType.HTTP,
                scheme="bearer",
                description="Een persoonlijk API-token: maak het op je accountpagina "
                "of met `wiki token create`.",
            ),
        )
    ],
    security=READ,
)


def answers(ok: dict[int, type[BaseModel] | None], errors: Iterable[int] = ()) -> Response:
    """Return the answers of an operation: its successes and the problems it can give."""
    from wiki.api.schemas import Conflict, Problem

    models = {f"HTTP_{status}": model for status, model in ok.items()}
    for status in {400, 401, 500, *errors}:
        models[f"HTTP_{status}"] = Conflict if status in (409, 412) else Problem
    return Response(**models)


def operation(
    ok: dict[int, type[BaseModel] | None],
    *,
    errors: Iterable[int] = (),
    write: bool = False,
    tags: Iterable[str] = (),
) -> Callable:
    """Check a handler's query or body and its answers, and describe it in the document.

    The handler's `query` or `json` parameter, annotated with a schema, gets the
    checked data. write: the operation needs a token (401 and 403 without one).
    """

    def decorate(func: Callable) -> Callable:
        takes_body = "json" in func.__annotations__
        problems = {*errors, *((401, 403) if write else ()), *((415, 422) if takes_body else ())}
        return spec.validate(
            resp=answers(ok, problems),
            tags=list(tags),
            security=WRITE if write else READ,
            validation_error_status=422 if takes_body else 400,
            operation_id=func.__name__,
        )(func)

    return decorate


@bp.before_request
def authenticate() -> None:
    """Find the caller from a personal token; the API ignores session cookies."""
    g.api_user = None
    sent = [request.path, *(value for _, values in request.args.lists() for value in values)]
    if _has_nul(sent):
        raise BadRequest("Het adres bevat een teken dat niet kan (NUL, %00).")
    if request.endpoint in PUBLIC:
        return
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
    if _has_nul(data):
        raise Invalid("Tekst mag geen NUL-teken (\\u0000) bevatten.")
    return data


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def caller():
    """Return the user whose token came with this request, or None."""
    return g.get("api_user")


def listed(found: Pagination, body: dict) -> tuple[dict, int, dict]:
    """Answer one page of a list: body plus total and place, and a Link header (RFC 8288)."""
    links = {"first": 1, "last": found.pages}
    if found.has_prev:
        links["prev"] = found.prev_num
    if found.has_next:
        links["next"] = found.next_num
    header = ", ".join(f'<{_this_url(number)}>; rel="{rel}"' for rel, number in links.items())
    body = {**body, "total": found.total, "page": found.page, "per_page": found.per_page}
    return body, 200, {"Link": header}


def _this_url(page: int) -> str:
    args = request.args.copy()
    args.setlist("page", [str(page)])
    return url_for(
        request.endpoint, **(request.view_args or {}), **args.to_dict(flat=False), _external=True
    )


def init_app(app: Flask) -> None:
    """Register the API blueprint.

    The API authenticates with personal tokens in the Authorization header, never with
    cookies, so a forged cross-site request carries no credentials: form CSRF tokens
    are not needed here. Writes take JSON only (a 415 otherwise).
    """
    from wiki.api import (  # noqa: F401 (each registers its routes on bp)
        changes,
        contributions,
        docs,
        moderation,
        pages,
        search,
        tags,
    )
    from wiki.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
