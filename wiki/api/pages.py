"""/api/v1/pages: list, read, create, replace (PUT), change (PATCH), revert, history, diff.

Saves name the revision they were made on, as `base_revision` in the body or as the
page's ETag in `If-Match`; what changed since is merged in three ways. Overlapping
changes answer 409 (base_revision) or 412 (If-Match, as HTTP has it).
"""

from contextlib import contextmanager

from flask import g, request

from wiki.api import bp, caller, listed, operation, schemas, serializers
from wiki.errors import EditConflict, Invalid, PreconditionFailed, problem
from wiki.kinds import KINDS
from wiki.services import history, links, markdown, pages, rendering

TAGS = ["Pagina's"]
# Names the services give to a page's parts, as the API calls them.
API_NAMES = {"body": "markdown"}
TOP_LEVEL = {"title", "markdown", "fields", "tags", "summary", "kind", "base_revision"}


@contextmanager
def page_errors():
    """Name the fields of a refused page as the caller wrote them (fields.duration)."""
    try:
        yield
    except Invalid as error:
        names = {}
        for name, text in error.errors.items():
            name = API_NAMES.get(name, name)
            names[name if name in TOP_LEVEL else f"fields.{name}"] = text
        raise Invalid(error.message, errors=names) from None


def _detail(page) -> dict:
    revision = page.current_revision
    outgoing = {f.name: revision.fields.get(f.name, []) for f in KINDS[page.kind].ref_fields()}
    outgoing["body"] = markdown.wiki_link_slugs(revision.body)
    return serializers.page_detail(
        page, rendering.rendered(revision), outgoing, links.backlinks(page, caller())
    )


def _etag(page) -> dict:
    """The page's ETag: its current revision, which If-Match may name as a base."""
    return {"ETag": f'"{page.current_revision_id}"'}


@bp.get("/pages")
@operation({200: schemas.PageList}, tags=TAGS)
def list_pages(query: schemas.PagesQuery):
    """Lijst van pagina's, op titel, eventueel van één soort."""
    found = pages.paginated_pages(query.kind, caller(), number=query.page, per_page=query.per_page)
    return listed(found, {"pages": [serializers.page_summary(p) for p in found.items]})


@bp.get("/pages/<slug>")
@operation({200: schemas.PageDetail}, errors=[404], tags=TAGS)
def get_page(slug: str):
    """Eén pagina: markdown, HTML, velden, labels, links en terugverwijzingen.

    De ETag is de huidige versie; stuur die bij een wijziging mee in If-Match.
    """
    page = pages.get_page(slug, caller())
    return _detail(page), 200, _etag(page)


@bp.post("/pages")
@operation({201: schemas.PageDetail}, write=True, tags=TAGS)
def create_page(json: schemas.PageCreate):
    """Maak een pagina: soort, titel, markdown, velden, labels en samenvatting.

    Dilemma's en ervaringen kun je anoniem delen (anonymous): lezers zien dan "Anoniem".
    """
    with page_errors():
        page = pages.create_page(
            json.kind,
            title=json.title,
            body=json.markdown,
            fields=json.fields,
            tags=json.tags,
            summary=json.summary or "Nieuwe pagina",
            actor=caller(),
            anonymous=json.anonymous,
        )
    headers = {**_etag(page), "Location": serializers.page_summary(page)["api_url"]}
    return _detail(page), 201, headers


def _base(page, given: int | None) -> int:
    """Return the base revision: If-Match's ETag ("*": the current one), else base_revision."""
    if "If-Match" in request.headers:
        g.if_match = True
        if request.if_match.star_tag:
            return page.current_revision_id
        # Only one strong ETag can be a base; anything else names no version (0), which
        # the save reports as 412 after checking the body, so a bad body is still a 422.
        tags = [tag for tag in request.if_match.as_set() if tag]
        return int(tags[0]) if len(tags) == 1 and tags[0].isdigit() else 0
    if given is None:
        raise Invalid(errors={"base_revision": "Geef de versie waarop je wijziging is gebaseerd."})
    return given


@bp.errorhandler(EditConflict)
def conflict(error: EditConflict):
    """Both sides changed the same parts: 409, or 412 when the base came from If-Match."""
    status = 412 if g.get("if_match") else 409
    return problem(status, error.message, **serializers.conflict(error.page, error))


def _saved(page, save):
    """Run a save on page and answer it: 200, 202 for a suggestion, 409/412 on a conflict."""
    try:
        with page_errors():
            result = save()
    except Invalid as error:
        if g.get("if_match") and "base_revision" in error.errors:
            raise PreconditionFailed() from None
        raise
    if result.suggestion is not None:
        return serializers.suggestion(result.suggestion), 202
    body = {**_detail(page), "merged": result.merged, "changed": result.changed}
    return body, 200, _etag(page)


SAVE_ANSWERS = {200: schemas.PageSaved, 202: schemas.Suggestion}


@bp.put("/pages/<slug>")
@operation(SAVE_ANSWERS, errors=[404, 409, 412], write=True, tags=TAGS)
def replace_page(slug: str, json: schemas.PageReplace):
    """Vervang de hele pagina: titel, markdown, alle velden van haar soort en labels.

    Ontbreekt er iets, dan volgt 422 met alles wat ontbreekt, en wordt er niets
    opgeslagen. Wil je een deel veranderen, gebruik dan PATCH. Op een beschermde pagina
    wordt je wijziging een voorstel (202).
    """
    page = pages.get_page(slug, caller())
    parts = {"title": json.title, "body": json.markdown, "fields": json.fields, "tags": json.tags}
    return _saved(
        page,
        lambda: pages.replace_page(
            page,
            base_id=_base(page, json.base_revision),
            parts=parts,
            summary=json.summary,
            actor=caller(),
        ),
    )


@bp.patch("/pages/<slug>")
@operation(SAVE_ANSWERS, errors=[404, 409, 412], write=True, tags=TAGS)
def patch_page(slug: str, json: schemas.PagePatch):
    """Verander alleen wat je noemt; velden worden één voor één samengevoegd.

    Een veld op null maakt het leeg. Wat je niet noemt, blijft zoals het was.
    """
    page = pages.get_page(slug, caller())
    parts = {"title": json.title, "body": json.markdown, "fields": json.fields, "tags": json.tags}
    return _saved(
        page,
        lambda: pages.patch_page(
            page,
            base_id=_base(page, json.base_revision),
            parts=parts,
            summary=json.summary,
            actor=caller(),
        ),
    )


@bp.post("/pages/<slug>/revert")
@operation({200: schemas.PageReverted}, errors=[404], write=True, tags=TAGS)
def revert_page(slug: str, json: schemas.RevertBody):
    """Zet een eerdere versie terug, als nieuwe versie."""
    page = pages.get_page(slug, caller())
    with page_errors():
        result = pages.revert_to(page, json.revision, actor=caller(), summary=json.summary)
    return {**_detail(page), "changed": result.changed}, 200, _etag(page)


@bp.get("/pages/<slug>/revisions")
@operation({200: schemas.RevisionList}, errors=[404], tags=TAGS)
def list_revisions(slug: str, query: schemas.Paging):
    """De versies van een pagina, nieuwste eerst."""
    page = pages.get_page(slug, caller())
    found = history.list_revisions(page, number=query.page, per_page=query.per_page)
    items = [serializers.revision_summary(page, e.revision, e.size_change) for e in found.items]
    return listed(found, {"revisions": items})


@bp.get("/pages/<slug>/revisions/<int:revision_id>")
@operation({200: schemas.RevisionDetail}, errors=[403, 404], tags=TAGS)
def get_revision(slug: str, revision_id: int):
    """Eén versie met haar markdown, velden en labels."""
    page = pages.get_page(slug, caller())
    revision = history.get_revision(page, revision_id, caller())
    return serializers.revision_detail(page, revision)


@bp.get("/pages/<slug>/diff")
@operation({200: schemas.Diff}, errors=[403, 404], tags=TAGS)
def diff(slug: str, query: schemas.DiffQuery):
    """Vergelijk twee versies: titel, tekst woord voor woord, elk veld en de labels."""
    page = pages.get_page(slug, caller())
    old = history.get_revision(page, query.from_, caller())
    new = history.get_revision(page, query.to, caller())
    return {
        "from": serializers.revision_summary(page, old),
        "to": serializers.revision_summary(page, new),
        "diff": history.diff_revisions(page, old, new).as_json(),
    }
