"""/api/v1/search: the same search as the HTML page, as JSON; and suggestions while typing."""

from flask import request

from wiki.api import bp, caller
from wiki.errors import BadRequest
from wiki.forms.search import SearchForm
from wiki.kinds import KINDS
from wiki.search import Filters, results


def _host(path: str) -> str:
    return request.host_url.rstrip("/") + path


def _form() -> SearchForm:
    form = SearchForm(request.args)
    if not form.validate():
        name, messages = next(iter(form.errors.items()))
        raise BadRequest(f"'{name}': {messages[0]}")
    return form


@bp.get("/search")
def search():
    """Search pages: hits with snippets, the total, and facet counts."""
    form = _form()
    filters = form.filters()
    if not (form.q.data or "").strip() and filters == Filters():
        raise BadRequest("Geef een zoekvraag mee, bijvoorbeeld ?q=dilemma.")
    found = results.search(form.q.data or "", filters, page=form.page.data or 1, user=caller())
    return {
        "query": found.query.text,
        "understood": list(found.query.hints),
        "total": found.total,
        "page": found.query.page,
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
                "url": _host(hit.url),
            }
            for hit in found.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in found.facets.items()
        },
    }


@bp.get("/search/suggest")
def suggest():
    """Offer page titles that begin like what has been typed so far."""
    text = request.args.get("q", "")
    if len(text) > 200:
        raise BadRequest("De zoekvraag is te lang: hoogstens 200 tekens.")
    return {
        "suggestions": [
            {"title": s.title, "kind": s.kind, "url": _host(KINDS[s.kind].path(s.slug))}
            for s in results.suggest(text, caller())
        ]
    }
