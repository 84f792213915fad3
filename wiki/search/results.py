"""Run a search for a person: backend hits, checked against who may see them, with snippets.

The doors (HTML, API) call `search` and `suggest`; both take plain data and the user.
"""

import math
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from wiki import permissions
from wiki.extensions import db
from wiki.kinds import KINDS
from wiki.kinds.method import Fit, fit
from wiki.models import Page, Tag
from wiki.pagination import Pagination, from_slice
from wiki.search import Filters, Query, Suggestion, backend, sync
from wiki.search.documents import readable_text
from wiki.search.queries import read_query

PER_PAGE = 10
# Werkvormen looked at for "past mogelijk" (duration or group size unknown).
MAYBE_LIMIT = 200
# Tags shown in the facet list (chosen ones are always shown).
TAG_FACETS = 15


@dataclass
class Hit:
    """One result: the page, its score and a snippet (escaped, only <mark> is HTML)."""

    page: Page
    score: float
    snippet: str

    @property
    def url(self) -> str:
        return KINDS[self.page.kind].path(self.page.slug)


@dataclass
class FacetValue:
    """One value of a facet, its label, how many results have it, and if it is chosen."""

    value: str
    label: str
    count: int
    chosen: bool


@dataclass
class Results:
    """What a search shows: hits of one page, the total, facets and a suggestion."""

    query: Query
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    any_word: bool
    # Werkvormen whose duration or group size is unknown, shown apart after the last
    # page of hits (see wiki.kinds.method.fit).
    maybe: list[Hit] = field(default_factory=list)

    @property
    def pagination(self) -> Pagination:
        return from_slice(self.hits, self.total, self.query.page, self.query.per_page)

    @property
    def pages(self) -> int:
        return self.pagination.pages


def search(
    text: str, filters: Filters | None = None, *, page: int = 1, user=None, per_page: int = PER_PAGE
) -> Results:
    """Search the wiki for text within filters; raise SearchUnavailable without an index."""
    query = read_query(text, filters, page=page, per_page=per_page)
    # Work a busy index left pending is retried here too, without waiting for the lock.
    sync.apply_pending(timeout=0)
    raw = backend().search(query)
    found = _visible_pages([hit.page_id for hit in raw.hits], user)
    hits = [
        Hit(found[h.page_id], h.score, _snippet(found[h.page_id], raw))
        for h in raw.hits
        if h.page_id in found
    ]
    found_all = query.page >= max(1, math.ceil(raw.total / query.per_page))
    return Results(
        query=query,
        hits=hits,
        total=raw.total,
        facets=_facets(raw.facets, query.filters, user),
        suggestion=raw.suggestion,
        any_word=raw.any_word,
        maybe=_maybe_methods(query, user) if found_all else [],
    )


def _maybe_methods(query: Query, user) -> list[Hit]:
    """Return the werkvormen that may fit: found without the figures, which they lack.

    The backends filter on known figures only, so this asks again without duration and
    group size, and keeps what wiki.kinds.method.fit calls Fit.MAYBE.
    """
    filters = query.filters
    if filters.minutes is None and filters.people is None:
        return []
    if filters.kinds and "method" not in filters.kinds:
        return []
    relaxed = replace(filters, kinds=("method",), minutes=None, people=None)
    raw = backend().search(replace(query, filters=relaxed, page=1, per_page=MAYBE_LIMIT))
    found = _visible_pages([hit.page_id for hit in raw.hits], user)
    facts = filters.method_facts()
    return [
        Hit(page, h.score, _snippet(page, raw))
        for h in raw.hits
        if (page := found.get(h.page_id)) is not None
        and fit(page.current_revision.fields, **facts) is Fit.MAYBE
    ]


def suggest(text: str, user=None, limit: int = 8) -> list[Suggestion]:
    """Return page titles that begin like text, for search as you type."""
    offered = backend().suggest(text, limit=limit)
    if not offered:
        return []
    stmt = permissions.visible(
        select(Page.slug).where(Page.slug.in_([s.slug for s in offered])), user
    )
    allowed = set(db.session.scalars(stmt))
    return [s for s in offered if s.slug in allowed]


def _visible_pages(page_ids: list[int], user) -> dict[int, Page]:
    if not page_ids:
        return {}
    stmt = select(Page).where(Page.id.in_(page_ids))
    stmt = stmt.options(joinedload(Page.current_revision), selectinload(Page.tags))
    return {page.id: page for page in db.session.scalars(permissions.visible(stmt, user))}


def _snippet(page: Page, raw) -> str:
    return backend().snippet(_text(page), raw.terms, raw.words)


def _text(page: Page) -> str:
    revision = page.current_revision
    return readable_text(page.kind, revision.body, revision.fields)


def _facets(counts: dict[str, dict[str, int]], filters: Filters, user) -> dict:
    """Label the facet counts: kinds in registry order, the rest by count."""
    kinds = [
        FacetValue(
            name, spec.plural.capitalize(), counts["kind"].get(name, 0), name in filters.kinds
        )
        for name, spec in KINDS.items()
        if counts["kind"].get(name) or name in filters.kinds
    ]
    wanted = set(counts["principle"]) | set(filters.principles)
    stmt = select(Page.slug, Page.title).where(Page.slug.in_(wanted), Page.kind == "principle")
    titles = dict(db.session.execute(permissions.visible(stmt, user)).all()) if wanted else {}
    principles = sorted(
        (
            FacetValue(slug, title, counts["principle"].get(slug, 0), slug in filters.principles)
            for slug, title in titles.items()
        ),
        key=lambda f: (-f.count, f.label),
    )
    ranked = sorted(counts["tag"].items(), key=lambda item: (-item[1], item[0]))
    keys = [key for key, _ in ranked[:TAG_FACETS]]
    keys += [key for key in filters.tags if key not in keys]
    names = dict(db.session.execute(select(Tag.key, Tag.name).where(Tag.key.in_(keys))).all())
    tags = [
        FacetValue(key, names.get(key, key), counts["tag"].get(key, 0), key in filters.tags)
        for key in keys
    ]
    return {"kind": kinds, "principle": principles, "tag": tags}
