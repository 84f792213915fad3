"""/api/v1/search: the same search as the HTML page, as JSON; and suggestions while typing."""

from flask import request, url_for

from wiki.api import bp, caller, listed, operation, schemas, serializers
from wiki.errors import BadRequest
from wiki.forms.search import SearchForm
from wiki.kinds import KINDS
from wiki.search import Filters, results

TAGS = ["Zoeken"]


def _form() -> SearchForm:
    form = SearchForm(request.args)
    if not form.validate():
        name, messages = next(iter(form.errors.items()))
        raise BadRequest(f"'{name}': {messages[0]}")
    return form


@bp.get("/search")
@operation({200: schemas.SearchResults}, errors=[503], tags=TAGS)
def search(query: schemas.SearchQuery):
    """Zoek in de wiki: treffers met een fragment, het totaal en de aantallen per filter.

    Geef een zoekvraag (q) of minstens één filter. Gewoon Nederlands zoals "werkvorm 20
    deelnemers een uur" lezen we als filters; understood zegt hoe.
    """
    form = _form()
    filters = form.filters()
    if not query.q.strip() and filters == Filters():
        raise BadRequest("Geef een zoekvraag mee, bijvoorbeeld ?q=dilemma.")
    found = results.search(
        query.q, filters, page=query.page, per_page=query.per_page, user=caller()
    )
    body = {
        "query": found.query.text,
        "understood": list(found.query.hints),
        "pages": found.pages,
        "any_word": found.any_word,
        "suggestion": found.suggestion,
        "hits": [
            {
                "slug": hit.page.slug,
                "title": hit.page.title,
                "kind": hit.page.kind,
                "snippet": str(hit.snippet),
                "score": round(hit.score, 4),
                "url": serializers.html_url(hit.page),
            }
            for hit in found.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in found.facets.items()
        },
    }
    return listed(found.pagination, body)


@bp.get("/search/suggest")
@operation({200: schemas.Suggestions}, tags=TAGS)
def suggest(query: schemas.SuggestQuery):
    """Titels van pagina's die beginnen zoals wat er tot nu toe is getypt."""
    return {
        "suggestions": [
            {
                "title": s.title,
                "kind": s.kind,
                "url": url_for(
                    "pages.show", segment=KINDS[s.kind].segment, slug=s.slug, _external=True
                ),
            }
            for s in results.suggest(query.q, caller())
        ]
    }
