"""/api/v1/pages: list, read and page through revisions."""

from flask import request
from flask_login import current_user

from wiki.api import bp, serializers
from wiki.errors import BadRequest
from wiki.kinds import KINDS
from wiki.services import history, markdown, pages, rendering


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"'{name}' moet een heel getal zijn.") from None
    if not lo <= value <= hi:
        raise BadRequest(f"'{name}' moet tussen {lo} en {hi} liggen.")
    return value


@bp.get("/pages")
def list_pages():
    """List pages, optionally of one kind."""
    kind = request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        known = ", ".join(KINDS)
        raise BadRequest(f"Het soort pagina '{kind}' bestaat niet. Kies uit: {known}.")
    items = pages.list_pages(kind, current_user)
    return {"pages": [serializers.page_summary(p) for p in items], "count": len(items)}


@bp.get("/pages/<slug>")
def get_page(slug: str):
    """Return one page with its current revision, fields, tags and links."""
    page = pages.get_page(slug, current_user)
    revision = page.current_revision
    links = {f.name: revision.fields.get(f.name, []) for f in KINDS[page.kind].ref_fields()}
    links["body"] = markdown.wiki_link_slugs(revision.body)
    return serializers.page_detail(
        page, rendering.rendered(revision), links, pages.backlinks(page, current_user)
    )


@bp.get("/pages/<slug>/revisions")
def list_revisions(slug: str):
    """Return the page's revisions, newest first, 50 per page."""
    page = pages.get_page(slug, current_user)
    number = _int_arg("page", 1, 1, 1_000_000)
    per_page = _int_arg("per_page", 50, 1, 200)
    entries, total = history.list_revisions(page, offset=(number - 1) * per_page, limit=per_page)
    return {
        "revisions": [
            serializers.revision_summary(page, e.revision, e.size_change) for e in entries
        ],
        "total": total,
        "page": number,
        "per_page": per_page,
    }
