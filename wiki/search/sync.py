"""Keep the index in step with the database: pending work is a row, applied after commit.

A service that changes a page calls `record(page)` before it commits, so the pending
work commits (or rolls back) with the change, and `apply_pending()` after. Applying
takes the index's write lock; when the lock is busy or the index is missing the work
stays pending and the next save, search or `wiki search rebuild` applies it.

A change of the vocabulary page (SEARCH_VOCABULARY_PAGE) asks for a whole rebuild: its
word forms change how every page is analysed. `apply_pending()` starts that rebuild on
a background thread, so the moderator's save does not wait for it; until it swaps in,
search uses the previous index with the previous vocabulary. A rebuild request that a
stopped process left behind is picked up by the next save or search.
"""

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload, selectinload

from wiki import permissions
from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.models import IndexTask, Page, PageRedirect, Revision
from wiki.search import SearchUnavailable, backend
from wiki.search.documents import PageSource, document
from wiki.search.vocabulary import VocabularySource

log = logging.getLogger(__name__)

BATCH = 500
# Seconds before a background rebuild that failed is tried again by this process.
REBUILD_RETRY = 60.0


def vocabulary_page_id() -> int | None:
    """Return the id of the vocabulary page (also after a rename), or None."""
    slug = current_app.config["SEARCH_VOCABULARY_PAGE"]
    page_id = db.session.scalar(select(Page.id).where(Page.slug == slug))
    if page_id is None:
        page_id = db.session.scalar(
            select(PageRedirect.page_id).where(PageRedirect.old_slug == slug)
        )
    return page_id


def is_vocabulary_page(page: Page) -> bool:
    """Tell whether page holds search's synonyms and word forms."""
    if page.slug == current_app.config["SEARCH_VOCABULARY_PAGE"]:
        return True
    return page.id is not None and page.id == vocabulary_page_id()


def vocabulary_source() -> VocabularySource:
    """Return the vocabulary page's current revision (empty when there is no page)."""
    page_id = vocabulary_page_id()
    if page_id is None:
        return VocabularySource()
    row = db.session.execute(
        select(Revision.id, Revision.body)
        .join(Page, Page.current_revision_id == Revision.id)
        .where(Page.id == page_id)
    ).first()
    return VocabularySource(row.id, row.body) if row else VocabularySource()


@dataclass(frozen=True)
class VocabularyState:
    """Which revision of the vocabulary page search uses, for that page's readers."""

    # Revision the live index was built with; None without a page or an index.
    used: int | None
    current: int | None
    # A rebuild with a newer revision is waiting or running.
    rebuilding: bool
    # False when the index is missing or unreadable.
    available: bool = True


def vocabulary_state() -> VocabularyState:
    """Tell whether search uses the vocabulary page's current revision yet."""
    search = backend()
    current = vocabulary_source().revision_id
    waiting = pending_work() == "rebuild" or search.rebuilding()
    try:
        used = search.info().vocabulary_revision
    except SearchUnavailable:
        return VocabularyState(None, current, waiting, available=False)
    return VocabularyState(used, current, waiting)


def record(page: Page) -> None:
    """Note in the current transaction that page's index entry must be refreshed."""
    if page.id is None:
        db.session.flush()
    db.session.add(IndexTask(page_id=page.id, rebuild=is_vocabulary_page(page)))


def pending_work() -> str | None:
    """Return "rebuild", "pages" or None: what index work waits (one indexed lookup)."""
    rebuild = db.session.scalar(
        select(IndexTask.rebuild).order_by(IndexTask.rebuild.desc()).limit(1)
    )
    db.session.commit()
    return None if rebuild is None else "rebuild" if rebuild else "pages"


def apply_pending(timeout: float | None = None) -> int:
    """Apply pending index work now; return how many tasks were done (0 if it must wait).

    Call it after the change's commit. It never raises: the change is saved already,
    and work that fails here stays pending for the next attempt.
    """
    work = pending_work()
    if work is None:
        return 0
    if work == "rebuild":
        start_rebuild()
        pages = select(IndexTask.id).where(IndexTask.rebuild.is_(False)).limit(1)
        if db.session.scalar(pages) is None:
            db.session.commit()
            return 0
    done: list[int] = []

    def load() -> tuple[list[dict], list[int]]:
        # Read under the write lock, so a later change is never overwritten by this one.
        # A rebuild request stays until a rebuild covers it.
        tasks = db.session.execute(
            select(IndexTask.id, IndexTask.page_id)
            .where(IndexTask.rebuild.is_(False))
            .order_by(IndexTask.id)
            .limit(BATCH)
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
    vocabulary = vocabulary_page_id()
    return [_source(page, titles, lists_only=page.id == vocabulary) for page in pages]


def _source(page: Page, titles: dict[str, str], *, lists_only: bool = False) -> PageSource:
    """Return page as plain data; the vocabulary page (lists_only) by its title alone.

    Its lists hold every synonym, so its text would match any query they touch.
    """
    revision = page.current_revision
    return PageSource(
        id=page.id,
        revision_id=revision.id,
        kind=page.kind,
        slug=page.slug,
        title=revision.title,
        body="" if lists_only else revision.body,
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


def rebuild(procs: int = 1, *, wait: bool = True) -> int:
    """Build a fresh index from the database, swap it in, apply what changed meanwhile.

    The index is built with the vocabulary page's current revision; when that page
    changed again during the build, it builds once more. wait=False: raise
    SearchUnavailable at once when another process is rebuilding.
    """
    while True:
        covered = db.session.scalar(select(func.max(IndexTask.id)))
        vocabulary = vocabulary_source()
        db.session.commit()
        count = backend().rebuild(all_documents(), vocabulary=vocabulary, procs=procs, wait=wait)
        if covered is not None:
            db.session.execute(delete(IndexTask).where(IndexTask.id <= covered))
            db.session.commit()
        if pending_work() != "rebuild":
            break
    apply_pending()
    return count


def start_rebuild() -> bool:
    """Start a rebuild on a background thread; return False when one runs or must wait.

    Only for a live index: a missing one is built at start-up or by `wiki search rebuild`.
    """
    app = current_app._get_current_object()
    state = app.extensions.setdefault("search_rebuild", {"thread": None, "failed": 0.0})
    thread = state["thread"]
    if thread is not None and thread.is_alive():
        return False
    if time.monotonic() - state["failed"] < REBUILD_RETRY:
        return False
    search = backend()
    try:
        search.page_count()
    except SearchUnavailable:
        return False
    if search.rebuilding():
        return False
    thread = threading.Thread(
        target=_rebuild_in_background, args=(app, state), name="search-rebuild", daemon=True
    )
    state["thread"] = thread
    thread.start()
    return True


def _rebuild_in_background(app, state: dict) -> None:
    with app.app_context():
        try:
            count = rebuild(wait=False)
            log.info("Search index rebuilt with the new vocabulary: %d pages", count)
        except SearchUnavailable as error:  # another process is rebuilding
            log.info("Background rebuild skipped: %s", error.message)
        except Exception:
            state["failed"] = time.monotonic()
            log.exception("Background rebuild failed; the request stays pending")
        finally:
            db.session.remove()


def wait_for_rebuild() -> None:
    """Wait until this process's background rebuild has finished (tests, shutdown)."""
    state = current_app.extensions.get("search_rebuild") or {}
    if state.get("thread") is not None:
        state["thread"].join()


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
    # The kinds' fields changed since the index was built.
    outdated: bool = False
    # (revision the index uses, current revision) when the vocabulary page changed since.
    vocabulary: tuple[int | None, int | None] | None = None

    @property
    def ok(self) -> bool:
        return not (self.stale or self.extra or self.outdated or self.vocabulary)


def check() -> CheckReport:
    """Compare each visible page's current revision with the indexed one."""
    search = backend()
    indexed = search.indexed_revisions()
    info = search.info()
    wanted = vocabulary_source().revision_id
    rows = db.session.execute(
        permissions.visible(
            select(Page.id, Page.slug, Page.current_revision_id).order_by(Page.slug), None
        )
    ).all()
    pending = db.session.scalar(select(func.count(IndexTask.id)))
    db.session.commit()
    report = CheckReport(pending=pending, outdated=not info.schema_current)
    if info.vocabulary_revision != wanted:
        report.vocabulary = (info.vocabulary_revision, wanted)
    for page_id, slug, revision_id in rows:
        if revision_id is not None and indexed.get(page_id) != revision_id:
            report.stale.append((slug, indexed.get(page_id), revision_id))
    report.extra = sorted(set(indexed) - {row[0] for row in rows})
    return report
