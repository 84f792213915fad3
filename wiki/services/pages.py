"""Pages: finding, listing, creating, rendering and linking them."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import defer, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from wiki import permissions
from wiki.errors import Invalid, NotFound
from wiki.extensions import db
from wiki.kinds import KINDS, get_kind
from wiki.models import Page, PageLink, Revision, User
from wiki.services import markdown
from wiki.services.slugs import slugify
from wiki.services.tags import clean_tags, set_page_tags

# Bump when rendering changes, so cached HTML is rebuilt on the next view.
RENDER_VERSION = 1
MAX_TITLE = 200
MAX_BODY = 100_000
MAX_SUMMARY = 500


def missing_path(slug: str) -> str:
    """Return the URL path for a page that does not exist (yet)."""
    return f"/pagina/{slug}"


def page_path(page: Page) -> str:
    """Return the URL path of page."""
    return KINDS[page.kind].path(page.slug)


def get_page(slug: str, user: User | None = None) -> Page:
    """Return the visible page with slug, its current revision and tags, or raise NotFound."""
    stmt = (
        select(Page)
        .where(Page.slug == slug)
        .options(joinedload(Page.current_revision), selectinload(Page.tags))
    )
    page = db.session.scalar(stmt)
    if page is None or not permissions.can_see(page, user):
        raise NotFound(f"De pagina '{slug}' bestaat niet.")
    return page


def list_pages(kind: str | None = None, user: User | None = None) -> list[Page]:
    """Return the visible pages (of kind), sorted by title, without loading bodies."""
    stmt = select(Page).options(
        joinedload(Page.current_revision).options(
            defer(Revision.body), defer(Revision.rendered)
        ),
        selectinload(Page.tags),
    )
    if kind is not None:
        stmt = stmt.where(Page.kind == get_kind(kind).name)
    stmt = permissions.visible(stmt, user).order_by(Page.title)
    return list(db.session.scalars(stmt))


def count_pages(kind: str, user: User | None = None) -> int:
    """Return how many visible pages of kind there are."""
    stmt = permissions.visible(select(func.count(Page.id)).where(Page.kind == kind), user)
    return db.session.scalar(stmt)


@dataclass
class PageInput:
    """What a person submits for a page, cleaned."""

    title: str
    body: str
    fields: dict
    tags: list[str]
    summary: str


def clean_input(kind: str, *, title, body, fields, tags, summary) -> PageInput:
    """Check every part of a submission; raise Invalid with a Dutch message per field."""
    spec = get_kind(kind)
    errors: dict[str, str] = {}
    title = " ".join(str(title or "").split())
    if not title:
        errors["title"] = "Geef de pagina een titel."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Een titel is hoogstens {MAX_TITLE} tekens."
    elif "<" in title or ">" in title:
        errors["title"] = "Een titel mag geen < of > bevatten."
    elif not slugify(title):
        errors["title"] = "Gebruik in de titel ook letters of cijfers."
    body = str(body or "").replace("\r\n", "\n")
    if len(body) > MAX_BODY:
        errors["body"] = f"De tekst is te lang: hoogstens {MAX_BODY:,} tekens, nu {len(body):,}."
        errors["body"] = errors["body"].replace(",", ".")
    summary = " ".join(str(summary or "").split())
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = f"De samenvatting is hoogstens {MAX_SUMMARY} tekens."
    cleaned, field_errors = spec.clean(fields if fields is not None else {})
    errors.update(field_errors)
    try:
        tags = clean_tags(tags or [])
    except Invalid as error:
        errors.update(error.errors)
    errors.update(_check_refs(spec, cleaned, field_errors))
    if errors:
        raise Invalid(errors=errors)
    return PageInput(title, body, cleaned, tags, summary)


def _check_refs(spec, fields: dict, already: dict) -> dict[str, str]:
    """Report reference fields naming pages that do not exist or are of another kind."""
    wanted = {f.name: f for f in spec.ref_fields() if f.name not in already}
    slugs = {slug for name in wanted for slug in fields.get(name, [])}
    if not slugs:
        return {}
    found = dict(db.session.execute(select(Page.slug, Page.kind).where(Page.slug.in_(slugs))).all())
    errors = {}
    for name, f in wanted.items():
        bad = [s for s in fields.get(name, []) if found.get(s) != f.ref_kind]
        if bad:
            label = KINDS[f.ref_kind].label
            errors[name] = f"Onbekend {label}: {', '.join(bad)}."
    return errors


def create_page(
    kind: str, *, title, body="", fields=None, tags=None, summary="", actor: User | None
) -> Page:
    """Create a page with its first revision; raise Invalid if anything is wrong."""
    data = clean_input(kind, title=title, body=body, fields=fields, tags=tags, summary=summary)
    slug = slugify(data.title)
    if db.session.scalar(select(Page.id).where(Page.slug == slug)) is not None:
        raise Invalid(errors={"title": "Er bestaat al een pagina met deze titel."})
    page = Page(kind=kind, slug=slug, title=data.title)
    db.session.add(page)
    db.session.flush()
    revision = _append_revision(page, None, data, actor)
    page.current_revision = revision
    set_page_tags(page, data.tags)
    _update_links(page, revision)
    # Pages that linked here showed a "missing" link; render them again.
    _forget_renders_linking_to(slug)
    db.session.commit()
    return page


def _append_revision(page: Page, parent: Revision | None, data: PageInput, actor) -> Revision:
    revision = Revision(
        page=page,
        parent_id=parent.id if parent else None,
        title=data.title,
        body=data.body,
        fields=data.fields,
        tags=data.tags,
        summary=data.summary,
        author=actor,
        size=len(data.body) + sum(len(str(v)) for v in data.fields.values()),
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def _link_targets(spec, revision: Revision) -> set[tuple[str, str]]:
    targets = {(slug, "body") for slug in markdown.wiki_link_slugs(revision.body)}
    for f in spec.markdown_fields():
        for text in _markdown_texts(f, revision.fields.get(f.name)):
            targets.update((slug, "body") for slug in markdown.wiki_link_slugs(text))
    for f in spec.ref_fields():
        targets.update((slug, f.name) for slug in revision.fields.get(f.name, []))
    return targets


def _update_links(page: Page, revision: Revision) -> None:
    """Replace page's outgoing links by those of revision."""
    db.session.execute(delete(PageLink).where(PageLink.source_id == page.id))
    targets = _link_targets(KINDS[page.kind], revision)
    db.session.add_all(
        PageLink(source_id=page.id, target_slug=slug, via=via)
        for slug, via in targets
        if slug != page.slug
    )


def _forget_renders_linking_to(slug: str) -> None:
    sources = select(PageLink.source_id).where(PageLink.target_slug == slug)
    current = select(Page.current_revision_id).where(Page.id.in_(sources))
    db.session.execute(update(Revision).where(Revision.id.in_(current)).values(rendered=None))


def _markdown_texts(f, value) -> list[str]:
    if f.type == "markdown":
        return [value or ""]
    key = "description"
    return [(item or {}).get(key) or "" for item in value or []]


def rendered(revision: Revision) -> dict:
    """Return the revision's HTML (body and markdown fields), rendering it once."""
    cache = revision.rendered
    if cache and cache.get("v") == RENDER_VERSION:
        return cache
    cache = _render(revision)
    db.session.execute(update(Revision).where(Revision.id == revision.id).values(rendered=cache))
    db.session.commit()
    # Record the value as loaded, so the object is not dirty and no second UPDATE follows.
    set_committed_value(revision, "rendered", cache)
    return cache


def _render(revision: Revision) -> dict:
    spec = KINDS[revision.page.kind]
    texts = {"body": [revision.body]}
    for f in spec.markdown_fields():
        texts[f.name] = _markdown_texts(f, revision.fields.get(f.name))
    slugs = {s for group in texts.values() for t in group for s in markdown.wiki_link_slugs(t)}
    urls = {}
    if slugs:
        rows = db.session.execute(select(Page.slug, Page.kind).where(Page.slug.in_(slugs)))
        urls = {slug: KINDS[kind].path(slug) for slug, kind in rows}
    html = {
        name: [markdown.render(t, urls, missing_path) for t in group]
        for name, group in texts.items()
    }
    fields = {f.name: (html[f.name][0] if f.type == "markdown" else html[f.name])
              for f in spec.markdown_fields()}
    return {"v": RENDER_VERSION, "body": html["body"][0], "fields": fields}


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
        .where(PageLink.target_slug == page.slug, Page.id != page.id)
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


def referenced_pages(revision: Revision, user: User | None = None) -> dict[str, Page]:
    """Return the visible pages that revision's reference fields name, by slug."""
    spec = KINDS[revision.page.kind]
    slugs = {s for f in spec.ref_fields() for s in revision.fields.get(f.name, [])}
    if not slugs:
        return {}
    stmt = permissions.visible(select(Page).where(Page.slug.in_(slugs)), user)
    return {p.slug: p for p in db.session.scalars(stmt)}


def list_revisions(page: Page, *, offset: int = 0, limit: int = 50) -> tuple[list[Revision], int]:
    """Return a slice of page's revisions, newest first, without bodies, and the total."""
    stmt = (
        select(Revision)
        .where(Revision.page_id == page.id)
        .options(defer(Revision.body), defer(Revision.rendered), joinedload(Revision.author))
        .order_by(Revision.id.desc())
        .offset(offset)
        .limit(limit)
    )
    total = db.session.scalar(select(func.count()).where(Revision.page_id == page.id))
    return list(db.session.scalars(stmt)), total
