"""Search: one backend protocol, its exception, and the shapes that cross the seam.

The Whoosh backend lives in whoosh_backend.py; sync.py keeps it in step with the
database; results.py turns backend hits into what the doors show. Views, API and CLI
use these modules; nothing here touches `request`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from flask import Flask, current_app

from wiki.errors import WikiError


class SearchUnavailable(WikiError):
    """The index is missing, corrupt or busy; the rest of the wiki keeps working."""

    status = 503
    message = (
        "Zoeken is tijdelijk niet beschikbaar. De rest van de wiki werkt gewoon. "
        "Probeer het later opnieuw."
    )


@dataclass(frozen=True)
class Filters:
    """Facet filters (OR within one, AND across) and the werkvorm facts."""

    kinds: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    minutes: int | None = None
    people: int | None = None
    level: str | None = None
    setting: str | None = None

    def is_method_filter(self) -> bool:
        """Tell whether a werkvorm fact is asked for (so only werkvormen can match)."""
        return any(v is not None and v != "" for v in self.method_facts().values())

    def method_facts(self) -> dict:
        """Return the werkvorm facts as wiki.kinds.method.matches takes them."""
        return {
            "minutes": self.minutes,
            "people": self.people,
            "level": self.level,
            "setting": self.setting,
        }


@dataclass(frozen=True)
class Query:
    """A query as read: free words, quoted phrases, filters, and what was read from it."""

    text: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    # Dutch sentences naming what was read from the text ("20 deelnemers").
    hints: tuple[str, ...] = ()
    page: int = 1
    per_page: int = 10

    def is_empty(self) -> bool:
        """Tell whether nothing at all is asked."""
        return not (self.words or self.phrases) and self.filters == Filters()


@dataclass(frozen=True)
class RawHit:
    """One hit as the backend found it."""

    page_id: int
    slug: str
    title: str
    kind: str
    score: float


@dataclass
class BackendResult:
    """A page of hits, the total, facet counts and a spelling suggestion."""

    hits: list[RawHit]
    total: int
    # Facet name ("kind", "principle", "tag") → value → number of matching pages.
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    # True when no page had every word, so pages with some of them are shown.
    any_word: bool = False
    # Terms a snippet marks, and the folded words that find the places to look.
    terms: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IndexInfo:
    """What the live index was built with."""

    # Revision of the vocabulary page the index was built with (None: no page).
    vocabulary_revision: int | None
    # False when the kinds' fields changed since: `wiki search rebuild` is needed.
    schema_current: bool


@dataclass(frozen=True)
class Suggestion:
    """A title offered while typing."""

    title: str
    slug: str
    kind: str


class SearchBackend(Protocol):
    """What the wiki needs from a search engine."""

    # Seconds a write waits for the index's lock.
    write_timeout: float

    def search(self, query: Query) -> BackendResult:
        """Run query; raise SearchUnavailable when the index cannot be read."""

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Return titles whose words begin like the words of text."""

    def snippet(self, text: str, terms: frozenset[str], words: frozenset[str]) -> str:
        """Return an HTML-safe snippet of text with terms marked."""

    def update(self, load: Callable[[], tuple[list[dict], list[int]]], *, timeout: float) -> None:
        """Under the write lock, write load()'s (documents, removed page ids)."""

    def rebuild(
        self, documents: Iterable[dict], *, vocabulary, procs: int = 1, wait: bool = True
    ) -> int:
        """Build a fresh index with vocabulary (a VocabularySource) and swap it in.

        Return its size. wait=False: raise SearchUnavailable if another rebuild runs.
        """

    def rebuilding(self) -> bool:
        """Tell whether a rebuild is running in any process."""

    def indexed_revisions(self) -> dict[int, int]:
        """Return page id → indexed revision id."""

    def page_count(self) -> int:
        """Return how many pages the index holds; raise SearchUnavailable without one."""

    def info(self) -> IndexInfo:
        """Return what the live index was built with; raise SearchUnavailable without one."""

    def wait_for_merge(self) -> None:
        """Wait for background index maintenance to finish."""


def init_app(app: Flask) -> None:
    """Give the app its search backend (the index is opened lazily, on first use)."""
    from wiki.search.whoosh_backend import WhooshBackend

    app.extensions["search"] = WhooshBackend(
        app.config["SEARCH_INDEX_DIR"],
        write_timeout=float(app.config["SEARCH_WRITE_TIMEOUT"]),
    )


def backend() -> SearchBackend:
    """Return the current app's search backend."""
    return current_app.extensions["search"]
