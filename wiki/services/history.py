"""Reading history: a page's revisions, one revision, diffs, recent changes, contributions."""

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, defer, joinedload

from wiki import permissions
from wiki.errors import Forbidden, NotFound
from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.models import Page, Revision, User
from wiki.pagination import PER_PAGE, Pagination, paginate
from wiki.services.diff import RevisionDiff, diff_states, display_value
from wiki.services.merge import PageState
from wiki.services.pages import HIDDEN_TEXT, find_revision, state_of


@dataclass
class HistoryEntry:
    revision: Revision
    size_change: int


def _entries(found: Pagination) -> Pagination:
    """Give one page of revisions their size change, reading the parents' sizes at once."""
    parent_ids = {r.parent_id for r in found.items if r.parent_id is not None}
    sizes = {}
    if parent_ids:
        stmt = select(Revision.id, Revision.size).where(Revision.id.in_(parent_ids))
        sizes = dict(db.session.execute(stmt).all())
    entries = [HistoryEntry(r, r.size - sizes.get(r.parent_id, 0)) for r in found.items]
    return replace(found, items=entries)


def _revisions():
    return select(Revision).options(
        defer(Revision.body), defer(Revision.rendered), joinedload(Revision.author)
    )


def list_revisions(page: Page, *, number: int = 1, per_page: int = PER_PAGE) -> Pagination:
    """Return one page of page's revisions, newest first, without bodies, and the total."""
    stmt = _revisions().where(Revision.page_id == page.id).order_by(Revision.id.desc())
    return _entries(paginate(stmt, number, per_page))


def get_revision(page: Page, revision_id, user=None) -> Revision:
    """Return one revision of page whose text user may read, or raise NotFound/Forbidden."""
    revision = find_revision(page, revision_id)
    if revision is None:
        raise NotFound(f"Versie {revision_id} van deze pagina bestaat niet.")
    if not permissions.can_see_text(revision, user):
        raise Forbidden(HIDDEN_TEXT)
    return revision


def diff_revisions(page: Page, old: Revision, new: Revision) -> RevisionDiff:
    """Compare two revisions of page: text, fields and tags."""
    return diff_states(KINDS[page.kind], state_of(old), state_of(new))


def diff_states_for(page: Page, old: Revision, new: PageState) -> RevisionDiff:
    """Compare a revision of page with a state that was submitted but not saved."""
    return diff_states(KINDS[page.kind], state_of(old), new)


def conflicting_values(page: Page, head: Revision, parts: list[str]) -> list[tuple[str, str]]:
    """Return (label, value as text) of each conflicting part in the current revision."""
    spec = KINDS[page.kind]
    out = []
    for part in parts:
        if part == "body":
            out.append(("Tekst", head.body))
        elif part == "title":
            out.append(("Titel", head.title))
        else:
            f = spec.get_field(part)
            value = display_value(f, head.fields.get(part))
            out.append((f.label, "; ".join(value) if isinstance(value, list) else value))
    return out


def recent_changes(
    *,
    user: User | None = None,
    kind: str | None = None,
    exclude_author: User | None = None,
    author: User | None = None,
    number: int = 1,
    per_page: int = PER_PAGE,
) -> Pagination:
    """Return one page of the newest revisions wiki-wide that user may see, with their pages."""
    stmt = (
        _revisions()
        .join(Revision.page)
        .options(contains_eager(Revision.page))
        .order_by(Revision.id.desc())
    )
    stmt = permissions.visible(stmt, user)
    if kind:
        stmt = stmt.where(Page.kind == kind)
    if exclude_author is not None:
        stmt = stmt.where((Revision.author_id != exclude_author.id) | Revision.author_id.is_(None))
    if author is not None:
        stmt = stmt.where(Revision.author_id == author.id)
        if not permissions.sees_anonymous_work_of(user, author):
            # An anonymous contribution must not be traceable through a contributions list.
            stmt = stmt.where(Revision.is_anonymous.is_(False))
    return _entries(paginate(stmt, number, per_page))


def get_user(username: str) -> User:
    """Return the user called username, or raise NotFound."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"De gebruiker '{username}' bestaat niet.")
    return user
