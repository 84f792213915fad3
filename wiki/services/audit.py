"""The audit log: every moderation and admin act, appended and never changed."""

import csv
import io
import json
import re

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki import permissions
from wiki.extensions import db
from wiki.models import AuditEntry, Page, PageRedirect, User

# Targets that end in a page's slug: "pagina <slug>", "versie 12 van <slug>" …
_PAGE_TARGET = re.compile(r"^(pagina |.+ (?:van|voor|over|bij) )([a-z0-9]+(?:-[a-z0-9]+)*)$")


def record(actor: User | None, action: str, target: str, reason: str = "", **details) -> None:
    """Add an entry to the current transaction; the caller commits with its change."""
    db.session.add(
        AuditEntry(actor=actor, action=action, target=target, reason=reason or "", details=details)
    )


def entries(user, *, offset: int = 0, limit: int = 100) -> list[AuditEntry]:
    """Return the newest entries; moderators only."""
    permissions.check(user, "moderate")
    stmt = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def page_subjects(found: list[AuditEntry]) -> dict[int, tuple[str, Page]]:
    """Map entries about a page to (the words before its slug, the page), in two queries.

    The log keeps the slug it was written with; people read the page's title, and a
    renamed page is found by its old slug.
    """
    slugs = {m[2]: m for e in found if (m := _PAGE_TARGET.match(e.target))}
    if not slugs:
        return {}
    pages = {p.slug: p for p in db.session.scalars(select(Page).where(Page.slug.in_(slugs)))}
    renamed = db.session.execute(
        select(PageRedirect.old_slug, Page)
        .join(Page, Page.id == PageRedirect.page_id)
        .where(PageRedirect.old_slug.in_(set(slugs) - set(pages)))
    )
    pages.update({old: page for old, page in renamed})
    subjects = {}
    for entry in found:
        match = _PAGE_TARGET.match(entry.target)
        if match and match[2] in pages:
            subjects[entry.id] = (match[1], pages[match[2]])
    return subjects


ACTION_LABELS = {
    "page.protect": "pagina beschermd",
    "page.unprotect": "bescherming opgeheven",
    "page.hide": "pagina verborgen",
    "page.restore": "pagina teruggezet",
    "page.review": "nieuwe pagina gecontroleerd",
    "revision.patrol": "versie gecontroleerd",
    "revision.hide": "tekst van versie verborgen",
    "revision.unhide": "tekst van versie zichtbaar gemaakt",
    "suggestion.accept": "voorstel overgenomen",
    "suggestion.reject": "voorstel afgewezen",
    "report.close": "melding afgehandeld",
    "user.block": "gebruiker geblokkeerd",
    "user.unblock": "blokkade opgeheven",
    "user.role": "rol gewijzigd",
    "user.create": "gebruiker aangemaakt",
    "user.second_factor_reset": "tweestapsverificatie gewist",
    "user.delete": "account verwijderd",
    "rollback": "bewerkingen teruggedraaid",
    "tag.merge": "labels samengevoegd",
    "tag.rename": "label hernoemd",
    "tag.delete": "label verwijderd",
}


# A spreadsheet runs a cell starting with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Return value so a spreadsheet shows it as text: risky text gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SpreadsheetSafeWriter:
    """A csv.writer whose cells never start a formula when opened in Excel or Calc."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row) -> None:
        self._writer.writerow([spreadsheet_safe(value) for value in row])


def export_csv(user) -> str:
    """Return the whole audit log as CSV (moderators only)."""
    permissions.check(user, "moderate")
    out = io.StringIO()
    writer = _SpreadsheetSafeWriter(out)
    writer.writerow(["id", "tijdstip", "wie", "actie", "onderwerp", "reden", "details"])
    stmt = select(AuditEntry).options(joinedload(AuditEntry.actor)).order_by(AuditEntry.id)
    for entry in db.session.scalars(stmt):
        who = entry.actor.display_name if entry.actor else "systeem"
        writer.writerow(
            [
                entry.id,
                entry.created_at.replace(microsecond=0).isoformat(),
                who,
                entry.action,
                entry.target,
                entry.reason,
                json.dumps(entry.details or {}, ensure_ascii=False, sort_keys=True),
            ]
        )
    return out.getvalue()
