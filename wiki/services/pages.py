"""Pages: finding and listing them, and every change: create, save, merge, revert."""

import random
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import defer, joinedload, selectinload

from wiki import permissions
from wiki.errors import EditConflict, Forbidden, Invalid, NotFound
from wiki.extensions import db
from wiki.kinds import KINDS, get_kind
from wiki.models import Page, PageRedirect, Revision, SuggestedChange, User
from wiki.pagination import PER_PAGE, Pagination, paginate
from wiki.search import sync as search_sync
from wiki.search.vocabulary import VocabularyError, parse_vocabulary
from wiki.services import links, rendering
from wiki.services.merge import PageState, merge_states
from wiki.services.slugs import slugify
from wiki.services.tags import clean_tags, set_page_tags

MAX_TITLE = 200
MAX_BODY = 100_000
MAX_SUMMARY = 500


def get_page(slug: str, user: User | None = None) -> Page:
    """Return the visible page with slug, its current revision and tags, or raise NotFound."""
    stmt = (
        select(Page)
        .where(Page.slug == slug)
        .options(joinedload(Page.current_revision), selectinload(Page.tags))
    )
    page = db.session.scalar(stmt)
    if page is None:
        # A renamed page keeps its old slugs; the caller sees page.slug differ.
        renamed = select(PageRedirect.page_id).where(PageRedirect.old_slug == slug)
        page = db.session.scalar(
            select(Page)
            .where(Page.id == renamed.scalar_subquery())
            .options(joinedload(Page.current_revision), selectinload(Page.tags))
        )
    if page is None or not permissions.can_see(page, user):
        raise NotFound(f"De pagina '{slug}' bestaat niet.")
    return page


def list_pages(kind: str | None = None, user: User | None = None) -> list[Page]:
    """Return the visible pages (of kind), sorted by title, without loading bodies."""
    return list(db.session.scalars(_listing(kind, user)))


def paginated_pages(
    kind: str | None = None, user: User | None = None, *, number: int = 1, per_page: int = PER_PAGE
) -> Pagination:
    """Return one page of the visible pages (of kind), sorted by title, with the total."""
    return paginate(_listing(kind, user), number, per_page)


def _listing(kind: str | None, user: User | None):
    stmt = select(Page).options(
        joinedload(Page.current_revision).options(defer(Revision.body), defer(Revision.rendered)),
        selectinload(Page.tags),
    )
    if kind is not None:
        stmt = stmt.where(Page.kind == get_kind(kind).name)
    return permissions.visible(stmt, user).order_by(Page.title, Page.id)


def find_titles(
    kind: str, text: str, user: User | None = None, *, limit: int = 20
) -> list[tuple[str, str]]:
    """Return (slug, title) of visible pages of kind whose title has every word of text.

    For pickers that must work with thousands of pages: one LIKE query that returns a
    few rows. No words: nothing.
    """
    words = [w for w in str(text or "").split() if w][:8]
    if not words:
        return []
    stmt = select(Page.slug, Page.title).where(Page.kind == get_kind(kind).name)
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Page.title.ilike(f"%{escaped}%", escape="\\"))
    stmt = permissions.visible(stmt, user).order_by(Page.title).limit(limit)
    return [(slug, title) for slug, title in db.session.execute(stmt)]


def titles_of(slugs: list[str], user: User | None = None) -> list[tuple[str, str]]:
    """Return (slug, title) for the visible pages among slugs, in the order of slugs."""
    if not slugs:
        return []
    stmt = permissions.visible(select(Page.slug, Page.title).where(Page.slug.in_(slugs)), user)
    titles = dict(db.session.execute(stmt).all())
    return [(slug, titles[slug]) for slug in slugs if slug in titles]


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


def clean_input(
    kind: str, *, title, body, fields, tags, summary, vocabulary: bool = False
) -> PageInput:
    """Check every part of a submission; raise Invalid with a Dutch message per field.

    vocabulary: the body is search's vocabulary page, whose lists must be readable.
    """
    spec = get_kind(kind)
    errors: dict[str, str] = {}
    title = clean_title(title)
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
        errors["body"] = (
            f"De tekst is te lang: hoogstens {_dutch_number(MAX_BODY)} tekens, "
            f"nu {_dutch_number(len(body))}."
        )
    elif vocabulary:
        try:
            parse_vocabulary(body)
        except VocabularyError as error:
            errors["body"] = str(error)
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


def clean_title(title) -> str:
    """Return a submitted title with its white space collapsed, as it is saved."""
    return " ".join(str(title or "").split())


def _dutch_number(n: int) -> str:
    """Write 120000 as 120.000, the Dutch way."""
    return f"{n:,}".replace(",", ".")


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
    kind: str,
    *,
    title,
    body="",
    fields=None,
    tags=None,
    summary="",
    actor: User | None,
    anonymous: bool = False,
) -> Page:
    """Create a page with its first revision; raise Invalid if anything is wrong.

    An anonymous contribution (dilemmas and experiences) shows "Anoniem" to readers;
    the author is kept for moderators, who must be able to act on abuse.
    """
    permissions.check(actor, "create")
    # The slug the page will get: the vocabulary page's lists are checked on creation too.
    slug = slugify(clean_title(title))
    vocabulary = slug == current_app.config["SEARCH_VOCABULARY_PAGE"]
    data = clean_input(
        kind,
        title=title,
        body=body,
        fields=fields,
        tags=tags,
        summary=summary,
        vocabulary=vocabulary,
    )
    if anonymous and kind not in REVIEWED_KINDS:
        raise Invalid(errors={"anonymous": "Alleen dilemma's en ervaringen kun je anoniem delen."})
    if _slug_owner(slug) is not None:
        raise Invalid(errors={"title": "Er bestaat al een pagina met deze titel."})
    page = Page(
        kind=kind,
        slug=slug,
        title=data.title,
        created_by_id=actor.id if actor is not None else None,
        review_state=_review_state(kind, actor),
    )
    db.session.add(page)
    db.session.flush()
    revision = _append_revision(page, None, data, actor)
    revision.is_anonymous = bool(anonymous)
    page.current_revision = revision
    set_page_tags(page, data.tags)
    links.update_links(page, revision)
    # Pages that linked here showed a "missing" link; render them again.
    rendering.forget_renders_linking_to(slug)
    record_index_work(page)
    db.session.commit()
    apply_index_work()
    return page


def record_index_work(page: Page) -> None:
    """Note, in the current transaction, that page must be indexed again."""
    search_sync.record(page)


def apply_index_work() -> None:
    """After a commit: bring the search index up to date (pending work survives failure)."""
    search_sync.apply_pending()


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


# Contributions of these kinds by editors are listed for review (or held, by setting).
REVIEWED_KINDS = ("dilemma", "experience")


def _review_state(kind: str, actor: User | None) -> str | None:
    if kind not in REVIEWED_KINDS or actor is None or actor.is_system:
        return None
    if permissions.is_curator(actor):
        return None
    held = current_app.config.get("NEW_CONTRIBUTIONS", "publish") == "hold"
    return "held" if held else "unreviewed"


def _slug_owner(slug: str) -> int | None:
    """Return the id of the page that has slug, now or before a rename."""
    owner = db.session.scalar(select(Page.id).where(Page.slug == slug))
    if owner is None:
        owner = db.session.scalar(select(PageRedirect.page_id).where(PageRedirect.old_slug == slug))
    return owner


def state_of(revision: Revision) -> PageState:
    """Return what a revision holds, for merging and diffing."""
    return PageState(revision.title, revision.body, revision.fields, list(revision.tags))


@dataclass
class SaveResult:
    revision: Revision | None
    merged: bool = False
    changed: bool = True
    # Set instead of revision when the page is protected and the change awaits review.
    suggestion: SuggestedChange | None = None


# Saves that lose a race are merged again onto the new current revision this often.
MAX_ATTEMPTS = 8


def save_revision(
    page: Page, *, base_id, title, body, fields, tags, summary, actor: User | None
) -> SaveResult:
    """Append a revision made on base_id, merging if the page changed since.

    Raises Invalid for bad input, EditConflict when the changes overlap. The database
    refuses two children of one revision, so of two racing saves one is merged again.
    On a protected page an editor's change becomes a suggested change instead.
    """
    suggest = permissions.edits_as_suggestion(actor, page)
    if not suggest:
        permissions.check(actor, "edit", page)
    data = clean_input(
        page.kind,
        title=title,
        body=body,
        fields=fields,
        tags=tags,
        summary=summary,
        vocabulary=search_sync.is_vocabulary_page(page),
    )
    if suggest:
        suggestion = _suggest(page, _base_revision(page, base_id), data, actor)
        return SaveResult(None, suggestion=suggestion)
    return apply_change(page, base_id, data, actor)


# The parts of a page a whole replacement must give, with what to say when one is left out.
WHOLE_PAGE = {
    "title": "Geef de titel: een vervanging bevat de hele pagina.",
    "body": "Geef de tekst: een vervanging bevat de hele pagina.",
    "fields": "Geef alle velden: een vervanging bevat de hele pagina.",
    "tags": "Geef de labels (of een lege lijst): een vervanging bevat de hele pagina.",
}
MISSING_FIELD = "Geef dit veld (leeg mag): een vervanging bevat de hele pagina."


def replace_page(page: Page, *, base_id, parts: dict, summary, actor: User | None) -> SaveResult:
    """Save a whole new version of page (title, body, fields, tags) made on base_id.

    Every part and every field of the page's kind must be given, so nothing is emptied
    by leaving it out; raises Invalid naming each missing one before anything is saved.
    """
    missing = {name: text for name, text in WHOLE_PAGE.items() if parts.get(name) is None}
    if "fields" not in missing:
        missing.update(dict.fromkeys(KINDS[page.kind].missing(parts["fields"]), MISSING_FIELD))
    if missing:
        raise Invalid("Een vervanging moet de hele pagina bevatten.", errors=missing)
    return save_revision(page, base_id=base_id, summary=summary, actor=actor, **parts)


def patch_page(page: Page, *, base_id, parts: dict, summary, actor: User | None) -> SaveResult:
    """Save a change to only the parts named (title, body, fields, tags) made on base_id.

    The other parts stay as they were in the base revision; fields are merged one by
    one. What changed since the base is merged in three ways, as for a whole save.
    """
    base = _base_revision(page, base_id)
    named = {name: value for name, value in parts.items() if value is not None}
    fields = named.get("fields", {})
    return save_revision(
        page,
        base_id=base.id,
        title=named.get("title", base.title),
        body=named.get("body", base.body),
        fields=KINDS[page.kind].merge_fields(base.fields, fields),
        tags=named.get("tags", base.tags),
        summary=summary,
        actor=actor,
    )


def apply_change(page: Page, base_id, data: PageInput, author: User | None) -> SaveResult:
    """Save checked data made on base_id as author's revision; callers check permissions."""
    mine = PageState(data.title, data.body, data.fields, data.tags)
    for attempt in range(MAX_ATTEMPTS):
        try:
            _lock(page)
        except OperationalError:
            # SQLite gave up waiting for its write lock; try again like a lost race.
            db.session.rollback()
            time.sleep(0.01 * (attempt + 1) * random.random())
            continue
        head = db.session.get(Revision, page.current_revision_id)
        base = _base_revision(page, base_id)
        merged = base.id != head.id
        if merged:
            result = merge_states(state_of(base), state_of(head), mine)
            if result.conflicts:
                raise EditConflict(page=page, head=head, mine=mine, conflicts=result.conflicts)
            state = result.state
        else:
            state = mine
        if state == state_of(head):
            return SaveResult(head, merged=merged, changed=False)
        try:
            revision = _commit_revision(page, head, state, data.summary, author)
        except (IntegrityError, OperationalError):
            db.session.rollback()
            time.sleep(0.01 * (attempt + 1) * random.random())
            continue
        apply_index_work()
        return SaveResult(revision, merged=merged)
    raise EditConflict("Het was te druk om op te slaan. Je tekst staat hieronder; probeer opnieuw.")


def _suggest(page: Page, base: Revision, data: PageInput, actor: User) -> SuggestedChange:
    suggestion = SuggestedChange(
        page=page,
        base_revision=base,
        author=actor,
        title=data.title,
        body=data.body,
        fields=data.fields,
        tags=data.tags,
        summary=data.summary,
    )
    db.session.add(suggestion)
    db.session.commit()
    return suggestion


def _lock(page: Page) -> None:
    """Reload page, holding its row until commit where the database can (PostgreSQL).

    Saves on one page then queue instead of racing. SQLite has no row locks: a no-op
    write takes its database write lock now (a stale read snapshot fails here and is
    retried by save_revision).
    """
    if db.engine.dialect.name == "sqlite":
        db.session.execute(update(Page).where(Page.id == page.id).values(id=Page.id))
    db.session.execute(
        select(Page)
        .where(Page.id == page.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def revert_to(page: Page, revision_id, *, actor: User | None, summary: str = "") -> SaveResult:
    """Make an earlier revision's content current again, as a new revision."""
    permissions.check(actor, "revert", page)
    old = _base_revision(page, revision_id)
    if not permissions.can_see_text(old, actor):
        raise Forbidden(HIDDEN_TEXT)
    summary = summary or f"Teruggezet naar versie {old.id}"
    return save_revision(
        page,
        base_id=page.current_revision_id,
        title=old.title,
        body=old.body,
        fields=old.fields,
        tags=old.tags,
        summary=summary,
        actor=actor,
    )


HIDDEN_TEXT = "De tekst van deze versie is verborgen door een moderator."


# Revision ids are 32-bit integers in the database; larger numbers name no revision.
MAX_ID = 2**31 - 1


def find_revision(page: Page, revision_id) -> Revision | None:
    """Return page's revision with this id (any spelling of a number), or None."""
    try:
        number = int(revision_id)
    except (TypeError, ValueError):
        return None
    if not 0 < number <= MAX_ID:
        return None
    revision = db.session.get(Revision, number)
    return revision if revision is not None and revision.page_id == page.id else None


def _base_revision(page: Page, revision_id) -> Revision:
    revision = find_revision(page, revision_id)
    if revision is None:
        raise Invalid(errors={"base_revision": "Deze versie hoort niet bij deze pagina."})
    return revision


def _commit_revision(page: Page, head: Revision, state: PageState, summary, actor) -> Revision:
    """Append state on head and make it current, or raise if another save came first."""
    data = PageInput(state.title, state.body, state.fields, state.tags, summary)
    new_slug = slugify(data.title)
    if new_slug != page.slug:
        owner = _slug_owner(new_slug)
        if owner is not None and owner != page.id:
            raise Invalid(errors={"title": "Er bestaat al een pagina met deze titel."})
    revision = _append_revision(page, head, data, actor)
    # Only move the pointer if nobody moved it since we read it.
    moved = db.session.execute(
        update(Page)
        .where(Page.id == page.id, Page.current_revision_id == head.id)
        .values(current_revision_id=revision.id, title=data.title, updated_at=revision.created_at)
    )
    if moved.rowcount != 1:
        raise IntegrityError("current revision moved", None, Exception("race"))
    if new_slug != page.slug:
        _rename(page, new_slug)
    db.session.refresh(page)
    set_page_tags(page, data.tags)
    links.update_links(page, revision)
    record_index_work(page)
    db.session.commit()
    return revision


def _rename(page: Page, new_slug: str) -> None:
    """Give page a new slug and keep the old one as a redirect."""
    old_slug = page.slug
    db.session.execute(delete(PageRedirect).where(PageRedirect.old_slug == new_slug))
    db.session.add(PageRedirect(old_slug=old_slug, page_id=page.id))
    db.session.execute(update(Page).where(Page.id == page.id).values(slug=new_slug))
    rendering.forget_renders_linking_to(new_slug)
