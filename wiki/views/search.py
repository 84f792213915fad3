"""The search page: a query and its filters in the URL, results with facets."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from wiki.forms.search import SearchForm
from wiki.kinds import KINDS
from wiki.search import Filters, SearchUnavailable, results

bp = Blueprint("search", __name__)


@bp.get("/zoeken")
def search():
    """Search the wiki; without an index, say so kindly (503) instead of failing."""
    form = SearchForm(request.args)
    valid = form.validate()
    filters = form.filters() if valid else Filters()
    context = {"form": form, "kinds": KINDS}
    if not (form.q.data or "").strip() and filters == Filters():
        return render_template("search/results.html", **context)
    try:
        found = results.search(
            form.q.data or "", filters, page=form.page.data or 1, user=current_user
        )
    except SearchUnavailable as error:
        return render_template("search/results.html", unavailable=error.message, **context), 503
    # Facts read from the text ("20 deelnemers") show in the filters, ready to change.
    form.minutes.data = form.minutes.data or found.query.filters.minutes
    form.people.data = form.people.data or found.query.filters.people
    return render_template("search/results.html", results=found, **context)
