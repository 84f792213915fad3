"""Keep the index in step with the database: pending work is a row, applied after commit.

A service that changes a page calls `record(page)` before it commits, so the pending
work commits (or rolls back) with the change, and `apply_pending()` after. Applying
takes the index's write lock; when the lock is busy or the index is missing the work
stays pending and the next save, search or `wiki search rebuild` applies it.
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload, selectinload

from wiki import permissions
from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.models import IndexTask, Page
from wiki.search import SearchUnavailable, backend
from wiki.search.documents import PageSource, document

log = logging.getLogger(__name__)

BATCH = 500


def record(page: Page) -> None:
    """Note in the current transaction that page's index entry must be refreshed."""
    if page.id is None:
        db.session.flush()
    db.session.add(IndexTask(page_id=page.id))


def has_pending() -> bool:
    """Tell whether index work waits (one indexed lookup)."""
    pending = db.session.scalar(select(IndexTask.id).limit(1)) is not None
    db.session.commit()
    return pending


def apply_pending(timeout: float | None = None) -> int:
    """Apply pending index work now; return how many tasks were done (0 if it must wait).

    Call it after the change's commit. It never raises: the change is saved already,
    and work that fails here stays pending for the next attempt.
    """
    if not has_pending():
        return 0
    done: list[int] = []

    def load() -> tuple[list[dict], list[int]]:
        # Read under the write lock, so a later change is never overwritten by this one.
        tasks = db.session.execute(
            select(IndexTask.id, IndexTask.page_id).order_by(IndexTask.id).limit(BATCH)
        ).all()
        done[:] = [task.id for task in tasks]
        wanted = {task.page_id for task in tasks}
        sources = _sources(wanted)
        db.session.commit()
        return [document(s) for s in sources], sorted(wanted - {s.id for s in sources})

    search = backend()
    try:
        search.update(load, timeout=search.write_timeout if timeout is None else timeout)
    except SearchUnavailable as error:
        db.session.rollback()
        log.info("Index work stays pending: %s", error.message)
        return 0
    except Exception:
        db.session.rollback()
        log.exception("Index work failed; it stays pending")
        return 0
    db.session.execute(delete(IndexTask).where(IndexTask.id.in_(done)))
    db.session.commit()
    return len(done)


def _sources(page_ids: Iterable[int]) -> list[PageSource]:
    """Return the visible pages among page_ids as plain data, with referenced titles."""
    stmt = select(Page).where(Page.id.in_(list(page_ids)), Page.current_revision_id.isnot(None))
    stmt = stmt.options(joinedload(Page.current_revision), selectinload(Page.tags))
    # Anonymous readers' rule: only pages everybody may see are in the index.
    pages = list(db.session.scalars(permissions.visible(stmt, None)))
    slugs = {
        slug
        for page in pages
        for f in KINDS[page.kind].ref_fields()
        for slug in page.current_revision.fields.get(f.name) or []
    }
    titles = {}
    if slugs:
        rows = db.session.execute(
            permissions.visible(select(Page.slug, Page.title).where(Page.slug.in_(slugs)), None)
        )
        titles = dict(rows.all())
    return [_source(page, titles) for page in pages]


def _source(page: Page, titles: dict[str, str]) -> PageSource:
    revision = page.current_revision
    return PageSource(
        id=page.id,
        revision_id=revision.id,
        kind=page.kind,
        slug=page.slug,
        title=revision.title,
        body=revision.body,
        fields=revision.fields,
        tags=[tag.name for tag in page.tags],
        tag_keys=[tag.key for tag in page.tags],
        updated_at=page.updated_at,
        ref_titles=titles,
    )


def all_documents() -> Iterator[dict]:
    """Yield the document of every visible page, a batch per short transaction."""
    ids = list(db.session.scalars(permissions.visible(select(Page.id).order_by(Page.id), None)))
    db.session.commit()
    for start in range(0, len(ids), BATCH):
        sources = _sources(ids[start : start + BATCH])
        db.session.commit()
        yield from (document(s) for s in sources)


def rebuild(procs: int = 1) -> int:
    """Build a fresh index from the database, swap it in, apply what changed meanwhile."""
    covered = db.session.scalar(select(func.max(IndexTask.id)))
    db.session.commit()
    count = backend().rebuild(all_documents(), procs=procs)
    if covered is not None:
        db.session.execute(delete(IndexTask).where(IndexTask.id <= covered))
        db.session.commit()
    apply_pending()
    return count


def ensure_index() -> int | None:
    """Build the index if it is missing or empty while pages exist; return the count built."""
    search = backend()
    try:
        indexed = search.page_count()
    except SearchUnavailable:
        return rebuild()
    visible = db.session.scalar(permissions.visible(select(func.count(Page.id)), None))
    db.session.commit()
    return rebuild() if indexed == 0 and visible else None


@dataclass
class CheckReport:
    """Where the index and the database disagree."""

    # (slug, indexed revision or None, current revision)
    stale: list[tuple[str, int | None, int]] = field(default_factory=list)
    # Page ids in the index that should not be (hidden or gone).
    extra: list[int] = field(default_factory=list)
    pending: int = 0
    outdated: bool = False

    @property
    def ok(self) -> bool:
        return not (self.stale or self.extra or self.outdated)


def check() -> CheckReport:
    """Compare each visible page's current revision with the indexed one."""
    search = backend()
    indexed = search.indexed_revisions()
    rows = db.session.execute(
        permissions.visible(
            select(Page.id, Page.slug, Page.current_revision_id).order_by(Page.slug), None
        )
    ).all()
    pending = db.session.scalar(select(func.count(IndexTask.id)))
    db.session.commit()
    report = CheckReport(pending=pending, outdated=not search.is_current())
    for page_id, slug, revision_id in rows:
        if revision_id is not None and indexed.get(page_id) != revision_id:
            report.stale.append((slug, indexed.get(page_id), revision_id))
    report.extra = sorted(set(indexed) - {row[0] for row in rows})
    return report
