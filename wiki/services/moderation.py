"""Moderators' acts: protect, hide, review, patrol, suggestions, reports, rollback.

Each act checks the permission, changes what it must, writes an audit entry, and
commits once.
"""

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from wiki import permissions
from wiki.errors import Invalid, NotFound
from wiki.extensions import db
from wiki.models import Page, Report, Revision, SuggestedChange, User
from wiki.models.types import utcnow
from wiki.services import audit, history, pages
from wiki.services.merge import PageState

MAX_REASON = 500


def _reason(reason, *, required: bool = True) -> str:
    reason = " ".join(str(reason or "").split())
    if required and not reason:
        raise Invalid(errors={"reason": "Geef een reden. Die komt in het logboek."})
    if len(reason) > MAX_REASON:
        raise Invalid(errors={"reason": f"Een reden is hoogstens {MAX_REASON} tekens."})
    return reason


def _page_flag(actor, page: Page, column, value: bool, action: str, reason) -> None:
    permissions.check(actor, "moderate")
    reason = _reason(reason)
    db.session.execute(update(Page).where(Page.id == page.id).values({column: value}))
    audit.record(actor, action, f"pagina {page.slug}", reason)
    pages.record_index_work(page)
    db.session.commit()
    pages.apply_index_work()
    db.session.refresh(page)


def protect(actor, page: Page, reason) -> None:
    """Protect a page: editors' changes become suggestions."""
    _page_flag(actor, page, Page.is_protected, True, "page.protect", reason)


def unprotect(actor, page: Page, reason) -> None:
    _page_flag(actor, page, Page.is_protected, False, "page.unprotect", reason)


def hide_page(actor, page: Page, reason) -> None:
    """Hide a whole page from everyone but moderators (it is kept)."""
    _page_flag(actor, page, Page.is_hidden, True, "page.hide", reason)


def restore_page(actor, page: Page, reason) -> None:
    _page_flag(actor, page, Page.is_hidden, False, "page.restore", reason)


def mark_page_reviewed(actor, page: Page) -> None:
    """Mark a new contribution as reviewed (and publish it if it was held)."""
    permissions.check(actor, "moderate")
    held = page.review_state == "held"
    db.session.execute(update(Page).where(Page.id == page.id).values(review_state=None))
    audit.record(actor, "page.review", f"pagina {page.slug}", "", published=held)
    pages.record_index_work(page)
    db.session.commit()
    pages.apply_index_work()
    db.session.refresh(page)


def patrol(actor, revision: Revision) -> None:
    """Mark a revision as reviewed (gecontroleerd)."""
    permissions.check(actor, "moderate")
    if revision.patrolled_at is None:
        revision.patrolled_by, revision.patrolled_at = actor, utcnow()
        audit.record(actor, "revision.patrol", f"versie {revision.id}", "")
        db.session.commit()


def hide_revision(actor, revision: Revision, reason, *, hidden: bool = True) -> None:
    """Hide (or show again) an old revision's text; it stays in the history."""
    permissions.check(actor, "moderate")
    reason = _reason(reason)
    page = revision.page
    if hidden and revision.id == page.current_revision_id:
        raise Invalid(
            "De huidige versie kun je niet verbergen. Zet eerst een andere versie terug of "
            "verberg de hele pagina."
        )
    revision.is_hidden = hidden
    action = "revision.hide" if hidden else "revision.unhide"
    audit.record(actor, action, f"versie {revision.id} van {page.slug}", reason)
    db.session.commit()


# --- suggested changes -----------------------------------------------------------------


def get_suggestion(suggestion_id) -> SuggestedChange:
    try:
        suggestion = db.session.get(SuggestedChange, int(suggestion_id))
    except (TypeError, ValueError):
        suggestion = None
    if suggestion is None:
        raise NotFound("Dit voorstel bestaat niet.")
    return suggestion


def suggestion_state(suggestion: SuggestedChange) -> PageState:
    s = suggestion
    return PageState(s.title, s.body, s.fields, list(s.tags))


def can_view_suggestion(user, suggestion: SuggestedChange) -> bool:
    """Moderators and the suggestion's author may read it."""
    me = permissions._user(user)
    return permissions.is_curator(user) or (me is not None and suggestion.author_id == me.id)


def accept(actor, suggestion: SuggestedChange) -> Revision:
    """Make a suggestion the new revision, attributed to its author (merged if needed)."""
    permissions.check(actor, "moderate")
    _pending(suggestion)
    data = pages.PageInput(
        suggestion.title,
        suggestion.body,
        suggestion.fields,
        list(suggestion.tags),
        suggestion.summary or "Voorstel overgenomen",
    )
    result = pages.apply_change(
        suggestion.page, suggestion.base_revision_id, data, suggestion.author
    )
    suggestion.status, suggestion.reviewed_by, suggestion.reviewed_at = "accepted", actor, utcnow()
    suggestion.revision_id = result.revision.id
    audit.record(
        actor,
        "suggestion.accept",
        f"voorstel {suggestion.id} voor {suggestion.page.slug}",
        "",
        revision=result.revision.id,
    )
    db.session.commit()
    return result.revision


def reject(actor, suggestion: SuggestedChange, reason) -> None:
    """Turn a suggestion down with a reason its author sees."""
    permissions.check(actor, "moderate")
    _pending(suggestion)
    reason = _reason(reason)
    suggestion.status, suggestion.reason = "rejected", reason
    suggestion.reviewed_by, suggestion.reviewed_at = actor, utcnow()
    audit.record(
        actor, "suggestion.reject", f"voorstel {suggestion.id} voor {suggestion.page.slug}", reason
    )
    db.session.commit()


def _pending(suggestion: SuggestedChange) -> None:
    if suggestion.status != "pending":
        raise Invalid("Over dit voorstel is al besloten.")


def suggestions_by(user: User) -> list[SuggestedChange]:
    """Return user's own suggestions, newest first, with their status and reason."""
    stmt = (
        select(SuggestedChange)
        .where(SuggestedChange.author_id == user.id)
        .options(joinedload(SuggestedChange.page))
        .order_by(SuggestedChange.id.desc())
    )
    return list(db.session.scalars(stmt))


# --- reports -----------------------------------------------------------------------------


def report(actor, page: Page, reason, revision_id=None) -> Report:
    """Report a page or one of its revisions to the moderators."""
    permissions.check(actor, "report", page)
    reason = _reason(reason)
    revision = None
    if revision_id not in (None, ""):
        revision = history.get_revision(page, revision_id, actor)
    item = Report(
        page=page, revision_id=revision.id if revision else None, reporter=actor, reason=reason
    )
    db.session.add(item)
    db.session.commit()
    return item


def close_report(actor, report_id, reason="") -> None:
    permissions.check(actor, "moderate")
    item = db.session.get(Report, int(report_id)) if str(report_id).isdigit() else None
    if item is None:
        raise NotFound("Deze melding bestaat niet.")
    item.status, item.closed_by_id, item.closed_at = "closed", actor.id, utcnow()
    audit.record(
        actor,
        "report.close",
        f"melding {item.id} over {item.page.slug}",
        _reason(reason, required=False),
    )
    db.session.commit()


# --- rollback ----------------------------------------------------------------------------


def rollback(actor, page: Page, user: User, reason="") -> Revision:
    """Undo all consecutive latest edits of user on page in one new revision."""
    permissions.check(actor, "moderate")
    stmt = select(Revision).where(Revision.page_id == page.id).order_by(Revision.id.desc())
    streak_start = None
    for revision in db.session.scalars(stmt):
        if revision.author_id != user.id:
            streak_start = revision
            break
    head = db.session.get(Revision, page.current_revision_id)
    if head.author_id != user.id:
        raise Invalid(f"De laatste wijziging is niet van {user.display_name}.")
    if streak_start is None:
        raise Invalid("Alle versies zijn van deze persoon; er is niets om naar terug te gaan.")
    summary = f"Bewerkingen van {user.display_name} teruggedraaid naar versie {streak_start.id}"
    data = pages.PageInput(
        streak_start.title, streak_start.body, streak_start.fields, list(streak_start.tags), summary
    )
    result = pages.apply_change(page, head.id, data, actor)
    audit.record(
        actor,
        "rollback",
        f"pagina {page.slug}",
        _reason(reason, required=False),
        user=user.username,
        to=streak_start.id,
    )
    db.session.commit()
    return result.revision


# --- the queue ---------------------------------------------------------------------------


@dataclass
class Queue:
    new_pages: list[Page]
    suggestions: list[SuggestedChange]
    reports: list[Report]
    unpatrolled: list[Revision]


def queue(actor) -> Queue:
    """Return what awaits moderators: new contributions, suggestions, reports, edits."""
    permissions.check(actor, "moderate")
    new_pages = select(Page).where(Page.review_state.is_not(None)).order_by(Page.created_at)
    suggestions = (
        select(SuggestedChange)
        .where(SuggestedChange.status == "pending")
        .options(joinedload(SuggestedChange.page), joinedload(SuggestedChange.author))
        .order_by(SuggestedChange.id)
    )
    reports = (
        select(Report)
        .where(Report.status == "open")
        .options(joinedload(Report.page), joinedload(Report.reporter))
        .order_by(Report.id)
    )
    unpatrolled = (
        select(Revision)
        .join(Revision.page)
        .where(Revision.patrolled_at.is_(None), Revision.parent_id.is_not(None))
        .options(joinedload(Revision.page), joinedload(Revision.author))
        .order_by(Revision.id.desc())
        .limit(50)
    )
    return Queue(
        list(db.session.scalars(new_pages)),
        list(db.session.scalars(suggestions)),
        list(db.session.scalars(reports)),
        list(db.session.scalars(unpatrolled)),
    )
