"""Reading pages: an overview per kind and a page view laid out by its kind."""

from flask import Blueprint, redirect, render_template, request
from flask_login import current_user

from wiki.errors import NotFound
from wiki.forms.contributions import PerspectiveForm
from wiki.forms.pages import MethodFilterForm
from wiki.kinds import BY_SEGMENT, KINDS
from wiki.kinds.method import Fit, fit
from wiki.search import sync as search_sync
from wiki.services import contributions, history, links, pages, rendering

bp = Blueprint("pages", __name__)
SEGMENTS = "any(" + ",".join(BY_SEGMENT) + "):segment"


@bp.get(f"/<{SEGMENTS}>")
def overview(segment: str):
    """List the pages of one kind."""
    spec = BY_SEGMENT[segment]
    items = pages.list_pages(spec.name, current_user)
    context = {"spec": spec, "items": items}
    if spec.name == "principle" or spec.name == "guide":
        key = "number" if spec.name == "principle" else "order"
        items.sort(key=lambda p: (p.current_revision.fields.get(key) or 999, p.title))
    elif spec.name == "method":
        context.update(_filter_methods(items))
    elif spec.name == "dilemma":
        context.update(_filter_dilemmas(items))
    return render_template(f"pages/overview_{spec.name}.html", **context)


def _filter_methods(items):
    """Split the werkvormen into those that fit the chosen session and those that may."""
    form = MethodFilterForm(request.args)
    shown, maybe = items, []
    if request.args and form.validate():
        facts = {
            "minutes": form.minutes.data,
            "people": form.people.data,
            "level": form.level.data or None,
            "setting": form.setting.data or None,
        }
        judged = [(p, fit(p.current_revision.fields, **facts)) for p in items]
        shown = [p for p, how in judged if how is Fit.FITS]
        maybe = [p for p, how in judged if how is Fit.MAYBE]
        if form.sort.data in ("duration", "group_size"):
            key = form.sort.data
            shown = sorted(
                shown, key=lambda p: (p.current_revision.fields.get(key) or {}).get("min") or 0
            )
    return {
        "form": form,
        "items": shown,
        "maybe": maybe,
        "filtered": bool(request.args),
        "total": len(items),
    }


def _filter_dilemmas(items):
    principles = sorted(
        pages.list_pages("principle", current_user),
        key=lambda p: p.current_revision.fields.get("number") or 99,
    )
    chosen = request.args.get("principe", "")
    if chosen and chosen not in {p.slug for p in principles}:
        chosen = ""
    shown = [p for p in items if not chosen or chosen in p.current_revision.fields["principles"]]
    titles = {p.slug: p.title for p in principles}
    return {"items": shown, "principles": principles, "chosen": chosen, "titles": titles}


def canonical(segment: str, slug: str, suffix: str = ""):
    """Return (page, None), or (page, a redirect) when the address is not the page's own.

    Old slugs of renamed pages and a wrong kind segment both lead to the page.
    """
    page = pages.get_page(slug, current_user)
    spec = KINDS[page.kind]
    if spec.segment == segment and page.slug == slug:
        return page, None
    target = spec.path(page.slug) + (f"/{suffix}" if suffix else "")
    if request.query_string:
        target += "?" + request.query_string.decode()
    return page, redirect(target, 301)


@bp.get(f"/<{SEGMENTS}>/<slug>")
def show(segment: str, slug: str):
    """Show a page with its kind's layout; ?revisie=N shows an older revision."""
    page, moved = canonical(segment, slug)
    if moved:
        return moved
    spec = KINDS[page.kind]
    revision = page.current_revision
    if request.args.get("revisie"):
        revision = history.get_revision(page, request.args["revisie"], current_user)
    backlinks = links.backlinks(page, current_user)
    return render_template(
        "pages/show.html",
        page=page,
        spec=spec,
        revision=revision,
        old=revision.id != page.current_revision_id,
        fields=revision.fields,
        html=rendering.rendered(revision),
        refs=links.referenced_pages(revision, current_user),
        search_vocabulary=_vocabulary_state(page),
        **_connections(page, backlinks),
    )


def _vocabulary_state(page):
    """On the vocabulary page: which of its revisions search uses."""
    if page.kind != "guide" or not search_sync.is_vocabulary_page(page):
        return None
    return search_sync.vocabulary_state()


def _connections(page, backlinks: dict) -> dict:
    """What colleagues added around a page: perspectives, votes, related pages.

    Also the backlinks, less the pages a kind's own layout already shows.
    """
    found: dict = {"backlinks": backlinks}
    if page.kind == "dilemma":
        found.update(
            perspectives=contributions.perspectives(page, current_user),
            votes=contributions.distribution(page, current_user),
            similar=contributions.similar_dilemmas(page, current_user),
            principles=contributions.principle_choices(),
            perspective_form=PerspectiveForm(),
        )
    elif page.kind == "principle":
        found["dilemmas"] = contributions.dilemmas_for_principle(page, current_user)
    elif page.kind == "method":
        # Dilemmas that name this werkvorm to discuss them are shown near the top.
        dilemmas = backlinks.get("dilemma", [])
        found["method_dilemmas"] = [b.page for b in dilemmas if "methods" in b.via]
        rest = {"dilemma": [b for b in dilemmas if "methods" not in b.via]}
        found["backlinks"] = {k: v for k, v in {**backlinks, **rest}.items() if v}
        found["reports"] = contributions.session_reports_for(page, current_user)
    return found


@bp.get("/pagina/<slug>")
def resolve(slug: str):
    """Send a link by slug to the page, whatever its kind."""
    try:
        page = pages.get_page(slug, current_user)
    except NotFound:
        raise NotFound(f"De pagina '{slug}' bestaat nog niet.", create_title=slug) from None
    return redirect(rendering.page_path(page))
