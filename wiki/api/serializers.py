"""JSON shapes of the API resources. Every resource carries its HTML url."""

from flask import request

from wiki import permissions
from wiki.api import caller
from wiki.models import Page, Revision
from wiki.services.accounts import author_label, display_name
from wiki.services.rendering import page_path


def _url(path: str) -> str:
    return request.host_url.rstrip("/") + path


def author_name(revision: Revision) -> str:
    return author_label(revision, caller())


def page_summary(page: Page) -> dict:
    return {
        "slug": page.slug,
        "title": page.title,
        "kind": page.kind,
        "updated": page.updated_at.isoformat(),
        "url": _url(page_path(page)),
        "api_url": _url(f"/api/v1/pages/{page.slug}"),
    }


def page_detail(page: Page, html: dict, links: dict, backlinks: dict) -> dict:
    revision = page.current_revision
    return {
        **page_summary(page),
        "revision_id": revision.id,
        "markdown": revision.body,
        "html": html["body"],
        "fields": revision.fields,
        "fields_html": html["fields"],
        "tags": [tag.name for tag in page.tags],
        "links": links,
        "backlinks": {
            kind: [{"slug": link.page.slug, "via": sorted(link.via)} for link in group]
            for kind, group in backlinks.items()
        },
        "protected": page.is_protected,
    }


def revision_summary(page: Page, revision: Revision, size_change: int | None = None) -> dict:
    return {
        "id": revision.id,
        "parent_id": revision.parent_id,
        "title": revision.title,
        "summary": revision.summary,
        "author": author_name(revision),
        "created": revision.created_at.isoformat(),
        "size": revision.size,
        "size_change": size_change,
        "url": _url(f"{page_path(page)}?revisie={revision.id}"),
    }


def revision_detail(page: Page, revision: Revision) -> dict:
    return {
        **revision_summary(page, revision),
        "markdown": revision.body,
        "fields": revision.fields,
        "tags": revision.tags,
        "current": revision.id == page.current_revision_id,
    }


def conflict(page: Page, error) -> dict:
    """The 409 answer: the message, the current version and the submitted one."""
    mine = error.mine
    return {
        "message": error.message,
        "conflicts": error.conflicts,
        "current": revision_detail(page, error.head) if error.head else None,
        "yours": {
            "title": mine.title,
            "markdown": mine.body,
            "fields": mine.fields,
            "tags": mine.tags,
        }
        if mine
        else None,
    }


def suggestion(item) -> dict:
    """The 202 answer for a change to a protected page: it awaits a moderator."""
    return {
        "message": "Deze pagina is beschermd. Je wijziging is opgeslagen als voorstel; "
        "een moderator bekijkt het.",
        "suggestion_id": item.id,
        "status": item.status,
        "url": _url(f"/voorstellen/{item.id}"),
    }


def perspective(item, viewer) -> dict:
    hidden_author = item.is_anonymous and not permissions.is_curator(viewer)
    return {
        "id": item.id,
        "principle": item.principle,
        "text": item.body,
        "author": "Anoniem" if hidden_author else display_name(item.author),
        "created": item.created_at.isoformat(),
        "url": _url(f"/dilemmas/{item.page.slug}#perspectieven"),
    }


def votes(distribution) -> dict:
    return {
        "voters": distribution.voters,
        "principles": [
            {"slug": principle.slug, "title": principle.title, "votes": count}
            for principle, count in distribution.rows
        ],
        "mine": distribution.mine,
    }


def tag(item, count: int) -> dict:
    return {
        "name": item.name,
        "count": count,
        "url": _url(f"/labels/{item.name}"),
        "api_url": _url(f"/api/v1/tags/{item.name}"),
    }
