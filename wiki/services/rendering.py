"""Rendered HTML of revisions, cached on the revision row and rebuilt when cleared."""

from urllib.parse import urlencode

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.kinds.fields import Field
from wiki.models import Page, PageLink, PageRedirect, Revision
from wiki.services import best_effort, markdown

# Bump when rendering changes, so cached HTML is rebuilt on the next view.
RENDER_VERSION = 2


def missing_path(title: str) -> str:
    """Return the URL path that creates a page with title, which does not exist yet."""
    return "/nieuw?" + urlencode({"titel": title})


def page_path(page: Page) -> str:
    """Return the URL path of page."""
    return KINDS[page.kind].path(page.slug)


def markdown_texts(f: Field, value) -> list[str]:
    """Return the markdown texts a field holds: itself, or its items' descriptions."""
    if f.type == "markdown":
        return [value or ""]
    return [(item or {}).get("description") or "" for item in value or []]


def rendered(revision: Revision) -> dict:
    """Return the revision's HTML (body and markdown fields), rendering it once.

    The cache is stored on the side: a read never commits, and a database that refuses
    the write (a read-only replica, a lock) costs a render, not the page.
    """
    cache = revision.rendered
    if cache and cache.get("v") == RENDER_VERSION:
        return cache
    cache = _render(revision)
    store = update(Revision).where(Revision.id == revision.id).values(rendered=cache)
    best_effort.execute(store, f"cache the HTML of revision {revision.id}")
    # Record the value as loaded, so the object is not dirty and no second UPDATE follows.
    set_committed_value(revision, "rendered", cache)
    return cache


def _render(revision: Revision) -> dict:
    spec = KINDS[revision.page.kind]
    body = revision.body
    if spec.starting_body and body.strip() == spec.starting_body.strip():
        # Saved before the prompt became a placeholder: a prompt is never content.
        body = ""
    texts = {"body": [body]}
    for f in spec.markdown_fields():
        texts[f.name] = markdown_texts(f, revision.fields.get(f.name))
    slugs = {s for group in texts.values() for t in group for s in markdown.wiki_link_slugs(t)}
    urls = link_urls(slugs)
    html = {
        name: [markdown.render(t, urls, missing_path) for t in group]
        for name, group in texts.items()
    }
    fields = {
        f.name: (html[f.name][0] if f.type == "markdown" else html[f.name])
        for f in spec.markdown_fields()
    }
    return {"v": RENDER_VERSION, "body": html["body"][0], "fields": fields}


def render_text(text: str) -> str:
    """Render markdown that is not saved yet (a preview), with its wiki links resolved."""
    return markdown.render(text, link_urls(set(markdown.wiki_link_slugs(text))), missing_path)


def link_urls(slugs: set[str]) -> dict[str, str]:
    """Map the slugs that name a page, now or before a rename, to its URL path."""
    if not slugs:
        return {}
    rows = db.session.execute(select(Page.slug, Page.kind).where(Page.slug.in_(slugs)))
    urls = {slug: KINDS[kind].path(slug) for slug, kind in rows}
    renamed = db.session.execute(
        select(PageRedirect.old_slug, Page.slug, Page.kind)
        .join(Page, Page.id == PageRedirect.page_id)
        .where(PageRedirect.old_slug.in_(slugs - set(urls)))
    )
    urls.update({old: KINDS[kind].path(slug) for old, slug, kind in renamed})
    return urls


def forget_renders_linking_to(slug: str) -> None:
    """Clear the cached HTML of pages linking to slug, whose links now change colour."""
    sources = select(PageLink.source_id).where(PageLink.target_slug == slug)
    current = select(Page.current_revision_id).where(Page.id.in_(sources))
    db.session.execute(update(Revision).where(Revision.id.in_(current)).values(rendered=None))
