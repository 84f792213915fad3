"""Request and response schemas of /api/v1 (pydantic v2): validated and documented at once.

Spectree checks each request against these before a handler runs and each answer
before it leaves, and builds the OpenAPI 3.1 document from the same classes (see
`wiki/api/openapi.py`). What a kind's fields may hold is checked by `wiki/kinds`, with
Dutch messages; here `fields` is only an object.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wiki.kinds import KINDS
from wiki.kinds.method import LEVELS, SETTINGS
from wiki.pagination import MAX_PAGE, MAX_PER_PAGE, PER_PAGE

Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Level = Literal[tuple(value for value, _ in LEVELS)]  # type: ignore[valid-type]
Setting = Literal[tuple(value for value, _ in SETTINGS)]  # type: ignore[valid-type]
# Ids are 32-bit in the database.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Strict(BaseModel):
    """A body or query that names only what it may (anything else is a 4xx)."""

    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    """An answer: exactly these keys, so the document and the code cannot drift apart."""

    model_config = ConfigDict(extra="forbid")


# --- queries -------------------------------------------------------------------------


class Paging(Strict):
    """Welke pagina van een lijst: bij elke lijst dezelfde grenzen."""

    page: int = Field(1, ge=1, le=MAX_PAGE, description="Paginanummer, vanaf 1.")
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Aantal items per pagina.")


class PagesQuery(Paging):
    kind: Kind | None = Field(None, description="Alleen pagina's van dit soort.")


class ChangesQuery(Paging):
    kind: Kind | None = Field(None, description="Alleen wijzigingen aan pagina's van dit soort.")


class TagsQuery(Paging):
    q: str | None = Field(
        None, max_length=60, description="Alleen labels die zo beginnen (voor aanvullen)."
    )


class SearchQuery(Paging):
    q: str = Field("", max_length=200, description="De zoekvraag, in gewoon Nederlands.")
    kind: list[Kind] = Field(default_factory=list, description="Soorten pagina's.")
    principle: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, description="Slugs van principes."
    )
    tag: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, description="Labels."
    )
    minutes: int | None = Field(
        None, ge=1, le=24 * 60, description="Werkvormen die in zoveel minuten passen."
    )
    people: int | None = Field(
        None, ge=1, le=10_000, description="Werkvormen voor zoveel deelnemers."
    )
    level: Level | None = None
    setting: Setting | None = None
    per_page: int = Field(10, ge=1, le=MAX_PER_PAGE, description="Aantal treffers per pagina.")


class SuggestQuery(Strict):
    q: str = Field("", max_length=200, description="Wat er tot nu toe is getypt.")


class DiffQuery(Strict):
    from_: Id = Field(alias="from", description="De oude versie.")
    to: Id = Field(description="De nieuwe versie.")


# --- bodies --------------------------------------------------------------------------

Fields = Field(description="De velden van het soort pagina (zie de velden per soort in de uitleg).")


class PageCreate(Strict):
    kind: Kind
    title: str = Field(max_length=1000)
    markdown: str = ""
    fields: dict[str, Any] = Field(default_factory=dict, description=Fields.description)
    tags: list[str] = Field(default_factory=list)
    summary: str = ""
    anonymous: bool = Field(False, description="Alleen bij dilemma's en ervaringen.")


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


# Required in the document; left to the pages service to check, which names every part
# that is missing at once (one 422), fields of the kind included.
WHOLE = ("title", "markdown", "fields", "tags")


class PageReplace(Strict):
    """Een hele nieuwe versie: alle delen, en alle velden van het soort pagina."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"required": list(WHOLE)})

    base_revision: Id | None = Field(
        None, description="De versie waarop je wijziging is gebaseerd (of stuur If-Match)."
    )
    title: str = Field(None, max_length=1000, json_schema_extra=_no_default)
    markdown: str = Field(None, json_schema_extra=_no_default)
    fields: dict[str, Any] = Field(
        None, description=Fields.description, json_schema_extra=_no_default
    )
    tags: list[str] = Field(None, json_schema_extra=_no_default)
    summary: str = ""


class PagePatch(Strict):
    """Alleen de delen die veranderen; velden één voor één (null maakt een veld leeg)."""

    base_revision: Id | None = Field(
        None, description="De versie waarop je wijziging is gebaseerd (of stuur If-Match)."
    )
    title: str | None = Field(None, max_length=1000)
    markdown: str | None = None
    fields: dict[str, Any] | None = Field(None, description=Fields.description)
    tags: list[str] | None = None
    summary: str = ""


class RevertBody(Strict):
    revision: Id = Field(description="De versie die terug moet komen.")
    summary: str = ""


class PerspectiveCreate(Strict):
    principle: str = Field(max_length=200, description="Slug van het principe.")
    text: str = Field(description="Wat je zou doen, en waarom.")
    anonymous: bool = False


class VoteBody(Strict):
    principles: list[Annotated[str, Field(max_length=200)]] = Field(
        max_length=50, description="Hoogstens vier slugs van principes."
    )


class ReportCreate(Strict):
    reason: str = Field(description="Wat er niet klopt of niet in de wiki hoort.")
    revision: Id | None = Field(None, description="Een bepaalde versie, als het daarover gaat.")


# --- answers -------------------------------------------------------------------------


class FieldProblem(Out):
    field: str = Field(description="Het veld, zoals in de body (velden als fields.<naam>).")
    detail: str


class Problem(Out):
    """Een fout als problem details (RFC 9457); message herhaalt detail voor oudere programma's."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    message: str
    errors: list[FieldProblem] | None = None


class Listing(Out):
    """Eén pagina van een lijst; de Link-kop wijst naar de volgende en vorige."""

    total: int = Field(description="Aantal items in de hele lijst.")
    page: int
    per_page: int


class PageSummary(Out):
    slug: str
    title: str
    kind: Kind
    updated: datetime
    url: str = Field(description="De pagina in de wiki (HTML).")
    api_url: str


class Backlink(Out):
    slug: str
    via: list[str]


class PageDetail(PageSummary):
    revision_id: int
    markdown: str
    html: str
    fields: dict[str, Any]
    fields_html: dict[str, Any]
    tags: list[str]
    links: dict[str, list[str]]
    backlinks: dict[str, list[Backlink]]
    protected: bool


class PageSaved(PageDetail):
    merged: bool = Field(description="Samengevoegd met wat er sinds je versie veranderde.")
    changed: bool = Field(description="Er is een nieuwe versie gemaakt.")


class PageReverted(PageDetail):
    changed: bool


class PageList(Listing):
    pages: list[PageSummary]


class RevisionSummary(Out):
    id: int
    parent_id: int | None
    title: str
    summary: str
    author: str
    created: datetime
    size: int
    size_change: int | None
    url: str


class RevisionDetail(RevisionSummary):
    markdown: str
    fields: dict[str, Any]
    tags: list[str]
    current: bool


class RevisionList(Listing):
    revisions: list[RevisionSummary]


class Change(RevisionSummary):
    page: PageSummary


class ChangeList(Listing):
    changes: list[Change]


class Diff(Out):
    from_: RevisionSummary = Field(alias="from")
    to: RevisionSummary
    diff: dict[str, Any]


class Submitted(Out):
    title: str
    markdown: str
    fields: dict[str, Any]
    tags: list[str]


class Conflict(Problem):
    """409 (base_revision) of 412 (If-Match): jij en een ander veranderden hetzelfde.

    Een 412 voor een If-Match die geen versie van deze pagina noemt, heeft alleen de fout.
    """

    conflicts: list[str] = Field(
        default_factory=list, description="De delen die allebei veranderden."
    )
    current: RevisionDetail | None = Field(None, description="De huidige versie.")
    yours: Submitted | None = Field(None, description="Wat jij stuurde.")


class Suggestion(Out):
    message: str
    suggestion_id: int
    status: str
    url: str


class Perspective(Out):
    id: int
    principle: str
    text: str
    author: str
    created: datetime
    url: str


class PerspectiveGroup(Out):
    principle: str
    title: str
    perspectives: list[Perspective]


class PerspectiveList(Out):
    groups: list[PerspectiveGroup]


class VoteRow(Out):
    slug: str
    title: str
    votes: int


class Votes(Out):
    voters: int
    principles: list[VoteRow]
    mine: list[str]


class Report(Out):
    id: int
    status: str
    message: str


class Tag(Out):
    name: str
    count: int
    url: str
    api_url: str


class TagList(Listing):
    tags: list[Tag]


class TagDetail(Tag, Listing):
    pages: list[PageSummary] = Field(description="De pagina's met dit label (deze pagina).")


class SearchHit(Out):
    slug: str
    title: str
    kind: Kind
    snippet: str = Field(description="HTML: alleen <mark> rond de gevonden woorden.")
    score: float
    url: str


class Facet(Out):
    value: str
    label: str
    count: int


class SearchResults(Listing):
    pages: int = Field(description="Aantal resultatenpagina's (minstens 1).")
    query: str
    understood: list[str] = Field(description="Wat de zoekvraag als filter werd gelezen.")
    any_word: bool
    suggestion: str | None
    hits: list[SearchHit]
    facets: dict[str, list[Facet]]


class TitleSuggestion(Out):
    title: str
    kind: Kind
    url: str


class Suggestions(Out):
    suggestions: list[TitleSuggestion]


class ApiIndex(Out):
    name: str
    version: str
    openapi: str
    docs: str
