"""Links between pages: wiki links in text and references in fields, and backlinks."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, select

from wiki import permissions
from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.models import Page, PageLink, PageRedirect, Revision, User
from wiki.services import markdown, rendering


def _targets(spec, revision: Revision) -> set[tuple[str, str]]:
    targets = {(slug, "body") for slug in markdown.wiki_link_slugs(revision.body)}
    for f in spec.markdown_fields():
        for text in rendering.markdown_texts(f, revision.fields.get(f.name)):
            targets.update((slug, "body") for slug in markdown.wiki_link_slugs(text))
    for f in spec.ref_fields():
        targets.update((slug, f.name) for slug in revision.fields.get(f.name, []))
    return targets


def update_links(page: Page, revision: Revision) -> None:
    """Replace page's outgoing links by those of revision."""
    db.session.execute(delete(PageLink).where(PageLink.source_id == page.id))
    targets = _targets(KINDS[page.kind], revision)
    db.session.add_all(
        PageLink(source_id=page.id, target_slug=slug, via=via)
        for slug, via in targets
        if slug != page.slug
    )


@dataclass
class Backlink:
    """A page linking to another, and through what: "body" or a field name."""

    page: Page
    via: set[str]


def backlinks(page: Page, user: User | None = None) -> dict[str, list[Backlink]]:
    """Return the visible pages linking to page, grouped by kind and sorted by title."""
    stmt = permissions.visible(
        select(Page, PageLink.via)
        .join(PageLink, PageLink.source_id == Page.id)
        .where(PageLink.target_slug.in_(_slugs_of(page)), Page.id != page.id)
        .order_by(Page.title, Page.id),
        user,
    )
    found: dict[int, Backlink] = {}
    for source, via in db.session.execute(stmt):
        found.setdefault(source.id, Backlink(source, set())).via.add(via)
    grouped: dict[str, list[Backlink]] = defaultdict(list)
    for link in found.values():
        grouped[link.page.kind].append(link)
    return dict(grouped)


def _slugs_of(page: Page):
    """The page's slug and its old slugs, as a subquery-friendly union."""
    old = select(PageRedirect.old_slug).where(PageRedirect.page_id == page.id)
    return select(Page.slug).where(Page.id == page.id).union(old)


def referenced_pages(revision: Revision, user: User | None = None) -> dict[str, Page]:
    """Return the visible pages that revision's reference fields name, by slug."""
    spec = KINDS[revision.page.kind]
    slugs = {s for f in spec.ref_fields() for s in revision.fields.get(f.name, [])}
    if not slugs:
        return {}
    stmt = permissions.visible(select(Page).where(Page.slug.in_(slugs)), user)
    return {p.slug: p for p in db.session.scalars(stmt)}


def diff_titles(diff, kind: str, user: User | None = None) -> dict[str, dict[str, str]]:
    """Return, per reference field a diff changes, slug → title of the visible pages named.

    Diffs compare stored values (slugs); people read titles. One query for all fields.
    """
    refs = {f.name for f in KINDS[kind].ref_fields()}
    wanted = {
        change.name: {item.text for item in change.items}
        for change in diff.fields
        if change.name in refs
    }
    slugs = set().union(*wanted.values()) if wanted else set()
    if not slugs:
        return {}
    stmt = permissions.visible(select(Page.slug, Page.title).where(Page.slug.in_(slugs)), user)
    titles = dict(db.session.execute(stmt).all())
    return {name: {s: titles[s] for s in named if s in titles} for name, named in wanted.items()}
