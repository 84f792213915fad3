"""Colleagues' contributions around a dilemma: perspectives, principle votes, connections."""

from collections import Counter
from dataclasses import dataclass

from flask import g
from sqlalchemy import func, select, type_coerce, union_all
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased, joinedload

from wiki import permissions
from wiki.errors import Invalid
from wiki.extensions import db
from wiki.models import Page, PageLink, Perspective, PrincipleVote, Revision, User, page_tags
from wiki.models.types import utcnow
from wiki.services import audit

MAX_PERSPECTIVE = 3000
MAX_VOTES = 4


@dataclass(frozen=True)
class PrincipleRef:
    """What lists of principles need: enough for a title, a link and the guide's order."""

    slug: str
    title: str
    number: int
    kind: str = "principle"


def _principles() -> dict[str, PrincipleRef]:
    """The principles by slug, in the guide's order (one query per app context)."""
    if "principles_by_slug" not in g:
        stmt = permissions.visible(
            select(Page.slug, Page.title, Revision.fields)
            .join(Revision, Revision.id == Page.current_revision_id)
            .where(Page.kind == "principle"),
            None,
        )
        found = [
            PrincipleRef(slug, title, fields.get("number") or 99)
            for slug, title, fields in db.session.execute(stmt)
        ]
        found.sort(key=lambda p: (p.number, p.title))
        g.principles_by_slug = {p.slug: p for p in found}
    return g.principles_by_slug


def principle_choices() -> list[tuple[str, str]]:
    """(slug, title) of the seven principles, for a form."""
    return [(slug, page.title) for slug, page in _principles().items()]


def _need_dilemma(page: Page) -> None:
    if page.kind != "dilemma":
        raise Invalid("Dit kan alleen bij een dilemma.")


def add_perspective(actor, page: Page, *, principle, body, anonymous: bool = False) -> Perspective:
    """Add how actor would act, starting from one principle."""
    permissions.check(actor, "create")
    _need_dilemma(page)
    errors = {}
    if principle not in _principles():
        errors["principle"] = "Kies een van de zeven principes."
    body = str(body or "").strip()
    if not body:
        errors["body"] = "Schrijf op wat je zou doen en waarom."
    elif len(body) > MAX_PERSPECTIVE:
        errors["body"] = f"Gebruik hoogstens {MAX_PERSPECTIVE} tekens (nu {len(body)})."
    if errors:
        raise Invalid(errors=errors)
    item = Perspective(
        page=page, principle=principle, body=body, author=actor, is_anonymous=bool(anonymous)
    )
    db.session.add(item)
    db.session.commit()
    return item


@dataclass
class PerspectiveGroup:
    principle: PrincipleRef
    perspectives: list[Perspective]


def perspectives(page: Page, user) -> list[PerspectiveGroup]:
    """Return the visible perspectives on page, grouped by principle in the guide's order."""
    stmt = (
        select(Perspective)
        .where(Perspective.page_id == page.id)
        .options(joinedload(Perspective.author))
        .order_by(Perspective.id)
    )
    if not permissions.is_curator(user):
        stmt = stmt.where(Perspective.is_hidden.is_(False))
    by_principle: dict[str, list[Perspective]] = {}
    for item in db.session.scalars(stmt):
        by_principle.setdefault(item.principle, []).append(item)
    return [
        PerspectiveGroup(principle, by_principle[slug])
        for slug, principle in _principles().items()
        if slug in by_principle
    ]


def hide_perspective(actor, perspective_id, reason) -> Perspective:
    """Hide a perspective from readers (moderators)."""
    permissions.check(actor, "moderate")
    item = db.session.get(Perspective, int(perspective_id))
    if item is None:
        raise Invalid("Dit perspectief bestaat niet.")
    item.is_hidden = True
    audit.record(actor, "perspective.hide", f"perspectief {item.id} bij {item.page.slug}", reason)
    db.session.commit()
    return item


def vote(actor: User, page: Page, principles) -> PrincipleVote:
    """Record actor's choice of up to four principles; a second vote replaces the first."""
    permissions.check(actor, "create")
    _need_dilemma(page)
    known = _principles()
    chosen = [p for p in dict.fromkeys(principles or []) if p]
    if not chosen:
        raise Invalid(errors={"principles": "Kies minstens één principe."})
    if len(chosen) > MAX_VOTES:
        raise Invalid(errors={"principles": f"Kies hoogstens {MAX_VOTES} principes."})
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise Invalid(errors={"principles": f"Onbekend principe: {', '.join(unknown)}."})
    ballot = db.session.scalar(
        select(PrincipleVote).where(
            PrincipleVote.page_id == page.id, PrincipleVote.user_id == actor.id
        )
    )
    if ballot is None:
        ballot = PrincipleVote(page_id=page.id, user_id=actor.id)
        db.session.add(ballot)
    ballot.principles, ballot.updated_at = chosen, utcnow()
    db.session.commit()
    return ballot


@dataclass
class Distribution:
    voters: int
    rows: list[tuple[PrincipleRef, int]]  # every principle, in the guide's order, with votes
    mine: list[str]


def distribution(page: Page, user) -> Distribution:
    """Count the votes per principle on page, and user's own choice."""
    ballots = list(
        db.session.execute(
            select(PrincipleVote.user_id, PrincipleVote.principles).where(
                PrincipleVote.page_id == page.id
            )
        )
    )
    counts = Counter(slug for _, chosen in ballots for slug in chosen)
    me = getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None
    mine = next((list(chosen) for uid, chosen in ballots if uid == me), [])
    rows = [(principle, counts.get(slug, 0)) for slug, principle in _principles().items()]
    return Distribution(len(ballots), rows, mine)


def dilemmas_for_principle(principle: Page, user) -> dict[str, list[tuple[Page, int]]]:
    """Dilemmas connected to a principle: by votes (most first) and by perspectives."""
    votes = dict(
        db.session.execute(
            select(PrincipleVote.page_id, func.count(PrincipleVote.id))
            .where(_chose(principle.slug))
            .group_by(PrincipleVote.page_id)
        ).all()
    )
    perspective_counts = dict(
        db.session.execute(
            select(Perspective.page_id, func.count(Perspective.id))
            .where(Perspective.principle == principle.slug, Perspective.is_hidden.is_(False))
            .group_by(Perspective.page_id)
        ).all()
    )
    ids = set(votes) | set(perspective_counts)
    if not ids:
        return {"votes": [], "perspectives": []}
    found = {
        p.id: p
        for p in db.session.scalars(permissions.visible(select(Page).where(Page.id.in_(ids)), user))
    }
    by_votes = sorted(
        ((found[i], n) for i, n in votes.items() if i in found), key=lambda x: (-x[1], x[0].title)
    )
    by_perspectives = sorted(
        ((found[i], n) for i, n in perspective_counts.items() if i in found),
        key=lambda x: (-x[1], x[0].title),
    )
    return {"votes": by_votes, "perspectives": by_perspectives}


def _chose(slug: str):
    """Return the condition "this vote chose slug", counted by the database.

    PostgreSQL asks JSONB containment; SQLite looks into the JSON array with json_each.
    """
    if db.engine.dialect.name == "postgresql":
        return type_coerce(PrincipleVote.principles, JSONB).contains([slug])
    chosen = func.json_each(PrincipleVote.principles).table_valued("value")
    return select(chosen.c.value).where(chosen.c.value == slug).exists()


def similar_dilemmas(page: Page, user, limit: int = 5) -> list[tuple[Page, int]]:
    """Dilemmas sharing principles or tags with page, most shared first (one query).

    Principles come from the references of each page's current revision (page_links),
    tags from page_tags, so no dilemma is read to count what it shares.
    """
    mine, theirs = aliased(PageLink), aliased(PageLink)
    by_principle = (
        select(theirs.source_id.label("page_id"))
        .join(mine, mine.target_slug == theirs.target_slug)
        .where(mine.source_id == page.id, mine.via == "principles", theirs.via == "principles")
    )
    my_tags, their_tags = page_tags.alias(), page_tags.alias()
    by_tag = (
        select(their_tags.c.page_id.label("page_id"))
        .join(my_tags, my_tags.c.tag_id == their_tags.c.tag_id)
        .where(my_tags.c.page_id == page.id)
    )
    shared = union_all(by_principle, by_tag).subquery()
    counts = (
        select(shared.c.page_id, func.count().label("shared"))
        .group_by(shared.c.page_id)
        .subquery()
    )
    stmt = permissions.visible(
        select(Page, counts.c.shared)
        .join(counts, counts.c.page_id == Page.id)
        .where(Page.kind == "dilemma", Page.id != page.id),
        user,
    )
    stmt = stmt.order_by(counts.c.shared.desc(), Page.title).limit(limit)
    return [(other, shared) for other, shared in db.session.execute(stmt)]


def session_reports_for(method: Page, user) -> list[Page]:
    """Experience pages of the session-report kind that used this werkvorm."""
    sources = select(PageLink.source_id).where(
        PageLink.target_slug == method.slug, PageLink.via == "methods"
    )
    stmt = permissions.visible(
        select(Page).where(Page.id.in_(sources), Page.kind == "experience"), user
    ).options(joinedload(Page.current_revision))
    return [
        p
        for p in db.session.scalars(stmt)
        if p.current_revision.fields.get("experience_type") == "session_report"
    ]
