"""JSON shapes of the API resources (schemas.py describes them). Every resource carries
its HTML url; every link is built with url_for, so any slug or tag name gives a valid URL."""

from flask import url_for

from wiki import permissions
from wiki.api import caller
from wiki.kinds import KINDS
from wiki.models import Page, Revision
from wiki.services.accounts import author_label, display_name


def html_url(page: Page, **args) -> str:
    """The page in the wiki, as a full URL (args become its query string)."""
    segment = KINDS[page.kind].segment
    return url_for("pages.show", segment=segment, slug=page.slug, _external=True, **args)


def author_name(revision: Revision) -> str:
    return author_label(revision, caller())


def page_summary(page: Page) -> dict:
    return {
        "slug": page.slug,
        "title": page.title,
        "kind": page.kind,
        "updated": page.updated_at.isoformat(),
        "url": html_url(page),
        "api_url": url_for("api.get_page", slug=page.slug, _external=True),
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
        "url": html_url(page, revisie=revision.id),
    }


def revision_detail(page: Page, revision: Revision) -> dict:
    return {
        **revision_summary(page, revision),
        "markdown": revision.body,
        "fields": revision.fields,
        "tags": revision.tags,
        "current": revision.id == page.current_revision_id,
    }


def change(entry) -> dict:
    """One line of recent changes or contributions: the revision and its page."""
    revision = entry.revision
    return {
        **revision_summary(revision.page, revision, entry.size_change),
        "page": page_summary(revision.page),
    }


def conflict(page: Page, error) -> dict:
    """What a 409 or 412 adds to its problem: the parts, the current and the submitted version."""
    mine = error.mine
    return {
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
        "url": url_for("moderation.suggestion", suggestion_id=item.id, _external=True),
    }


def perspective(item, viewer) -> dict:
    hidden_author = item.is_anonymous and not permissions.is_curator(viewer)
    return {
        "id": item.id,
        "principle": item.principle,
        "text": item.body,
        "author": "Anoniem" if hidden_author else display_name(item.author),
        "created": item.created_at.isoformat(),
        "url": html_url(item.page, _anchor="perspectieven"),
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
        "url": url_for("tags.show", name=item.name, _external=True),
        "api_url": url_for("api.get_tag", name=item.name, _external=True),
    }
