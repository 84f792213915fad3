"""/api/v1/pages: list, read and page through revisions."""

from flask import request
from flask_login import current_user

from wiki.api import bp, serializers
from wiki.errors import BadRequest, EditConflict, Invalid, UnsupportedType
from wiki.kinds import KINDS
from wiki.services import history, markdown, pages, rendering
from wiki.services.accounts import actor_for


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
    return _detail(page)


def _detail(page) -> dict:
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


def _json_body() -> dict:
    """Return the request's JSON object, or a Dutch 400/415."""
    if not request.is_json:
        raise UnsupportedType()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest('Stuur een JSON-object, bijvoorbeeld {"title": "…"}.')
    return data


@bp.post("/pages")
def create_page():
    """Create a page: kind, title, markdown, fields, tags, summary."""
    data = _json_body()
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
        actor=actor_for(current_user),
    )
    return _detail(page), 201, {"Location": serializers.page_summary(page)["api_url"]}


@bp.put("/pages/<slug>")
def save_page(slug: str):
    """Save a new revision on base_revision: 200, 200 with merged, or 409 with both."""
    page = pages.get_page(slug, current_user)
    data = _json_body()
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
            actor=actor_for(current_user),
        )
    except EditConflict as conflict:
        return serializers.conflict(page, conflict), 409
    return {**_detail(page), "merged": result.merged, "changed": result.changed}


@bp.post("/pages/<slug>/revert")
def revert_page(slug: str):
    """Put back an earlier revision as a new one."""
    page = pages.get_page(slug, current_user)
    data = _json_body()
    if "revision" not in data:
        raise Invalid(errors={"revision": "Geef de versie die terug moet komen."})
    result = pages.revert_to(
        page, data["revision"], actor=actor_for(current_user), summary=data.get("summary", "")
    )
    return {**_detail(page), "changed": result.changed}


@bp.get("/pages/<slug>/revisions/<revision_id>")
def get_revision(slug: str, revision_id: str):
    """Return one revision with its markdown, fields and tags."""
    page = pages.get_page(slug, current_user)
    if not revision_id.isdigit():
        raise BadRequest("Het versienummer moet een heel getal zijn.")
    revision = history.get_revision(page, revision_id)
    return serializers.revision_detail(page, revision)


@bp.get("/pages/<slug>/diff")
def diff(slug: str):
    """Return the structured difference between two revisions (?from=&to=)."""
    page = pages.get_page(slug, current_user)
    ids = {name: request.args.get(name, "") for name in ("from", "to")}
    for name, value in ids.items():
        if not value.isdigit():
            raise BadRequest(f"'{name}' moet een versienummer zijn (een heel getal).")
    old = history.get_revision(page, ids["from"])
    new = history.get_revision(page, ids["to"])
    return {
        "from": serializers.revision_summary(page, old),
        "to": serializers.revision_summary(page, new),
        "diff": history.diff_revisions(page, old, new).as_json(),
    }
