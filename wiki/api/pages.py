"""/api/v1/pages: list, read and page through revisions."""

from flask import request

from wiki.api import bp, caller, json_body, serializers
from wiki.errors import BadRequest, EditConflict, Invalid
from wiki.kinds import KINDS
from wiki.services import history, links, markdown, pages, rendering


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
    items = pages.list_pages(kind, caller())
    return {"pages": [serializers.page_summary(p) for p in items], "count": len(items)}


@bp.get("/pages/<slug>")
def get_page(slug: str):
    """Return one page with its current revision, fields, tags and links."""
    page = pages.get_page(slug, caller())
    return _detail(page)


def _detail(page) -> dict:
    revision = page.current_revision
    outgoing = {f.name: revision.fields.get(f.name, []) for f in KINDS[page.kind].ref_fields()}
    outgoing["body"] = markdown.wiki_link_slugs(revision.body)
    return serializers.page_detail(
        page, rendering.rendered(revision), outgoing, links.backlinks(page, caller())
    )


@bp.get("/pages/<slug>/revisions")
def list_revisions(slug: str):
    """Return the page's revisions, newest first, 50 per page."""
    page = pages.get_page(slug, caller())
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


@bp.post("/pages")
def create_page():
    """Create a page: kind, title, markdown, fields, tags, summary."""
    data = json_body()
    kind = data.get("kind")
    if kind not in KINDS:
        raise Invalid(errors={"kind": f"Kies een soort pagina uit: {', '.join(KINDS)}."})
    page = pages.create_page(
        kind,
        title=data.get("title"),
        body=data.get("markdown", ""),
        fields=data.get("fields") or {},
        tags=data.get("tags") or [],
        summary=data.get("summary") or "Nieuwe pagina",
        actor=caller(),
        anonymous=bool(data.get("anonymous")),
    )
    return _detail(page), 201, {"Location": serializers.page_summary(page)["api_url"]}


@bp.put("/pages/<slug>")
def save_page(slug: str):
    """Save a new revision on base_revision: 200, 200 with merged, or 409 with both."""
    page = pages.get_page(slug, caller())
    data = json_body()
    if "base_revision" not in data:
        raise Invalid(errors={"base_revision": "Geef de versie waarop je wijziging is gebaseerd."})
    current = page.current_revision
    try:
        result = pages.save_revision(
            page,
            base_id=data["base_revision"],
            title=data.get("title", current.title),
            body=data.get("markdown", current.body),
            fields=data.get("fields", current.fields),
            tags=data.get("tags", current.tags),
            summary=data.get("summary", ""),
            actor=caller(),
        )
    except EditConflict as conflict:
        return serializers.conflict(page, conflict), 409
    if result.suggestion is not None:
        return serializers.suggestion(result.suggestion), 202
    return {**_detail(page), "merged": result.merged, "changed": result.changed}


@bp.post("/pages/<slug>/revert")
def revert_page(slug: str):
    """Put back an earlier revision as a new one."""
    page = pages.get_page(slug, caller())
    data = json_body()
    if "revision" not in data:
        raise Invalid(errors={"revision": "Geef de versie die terug moet komen."})
    result = pages.revert_to(
        page, data["revision"], actor=caller(), summary=data.get("summary", "")
    )
    return {**_detail(page), "changed": result.changed}


@bp.get("/pages/<slug>/revisions/<revision_id>")
def get_revision(slug: str, revision_id: str):
    """Return one revision with its markdown, fields and tags."""
    page = pages.get_page(slug, caller())
    if not revision_id.isdigit():
        raise BadRequest("Het versienummer moet een heel getal zijn.")
    revision = history.get_revision(page, revision_id, caller())
    return serializers.revision_detail(page, revision)


@bp.get("/pages/<slug>/diff")
def diff(slug: str):
    """Return the structured difference between two revisions (?from=&to=)."""
    page = pages.get_page(slug, caller())
    ids = {name: request.args.get(name, "") for name in ("from", "to")}
    for name, value in ids.items():
        if not value.isdigit():
            raise BadRequest(f"'{name}' moet een versienummer zijn (een heel getal).")
    old = history.get_revision(page, ids["from"], caller())
    new = history.get_revision(page, ids["to"], caller())
    return {
        "from": serializers.revision_summary(page, old),
        "to": serializers.revision_summary(page, new),
        "diff": history.diff_revisions(page, old, new).as_json(),
    }
