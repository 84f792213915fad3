"""Changing pages: create, edit with preview, and put back an earlier revision."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from wiki import permissions
from wiki.errors import EditConflict, Invalid, NotFound
from wiki.forms.pages import PageForm, RevertForm, kind_fields_from_form
from wiki.kinds import KINDS, kind_for_word
from wiki.services import history, pages, rendering
from wiki.services.accounts import actor_for
from wiki.views.pages import SEGMENTS, canonical

bp = Blueprint("edit", __name__)


def _form(spec, form, values, *, page=None, errors=None, status=200, **extra):
    """Render the edit form, with a preview when asked and one empty row per list."""
    preview = None
    if request.form.get("action") == "preview":
        preview = rendering.render_text(form.body.data or "")
    context = dict(spec=spec, form=form, values=values, page=page, errors=errors or {})
    queries = {f.name: request.form.get(f"{f.name}-zoek", "").strip() for f in spec.fields}
    return render_template(
        "edit/form.html",
        preview=preview,
        options=_field_options(spec, values, queries),
        queries=queries,
        labels=_labels(spec, form),
        curator=permissions.is_curator(current_user),
        max_title=pages.MAX_TITLE,
        max_body=pages.MAX_BODY,
        max_summary=pages.MAX_SUMMARY,
        **context,
        **extra,
    ), status


def _field_options(spec, values, queries) -> dict[str, list[tuple[str, str]]]:
    """Return the choices of each choice and reference field: (value, Dutch label).

    A searchable reference offers what is chosen plus what its search box found, so
    the form stays small with thousands of pages (and works without JavaScript).
    """
    options = {}
    for f in spec.fields:
        if f.type in ("choices", "choice"):
            options[f.name] = list(f.options)
        elif f.type == "refs" and f.searchable:
            chosen = pages.titles_of(list(values.get(f.name) or []), current_user)
            found = pages.find_titles(f.ref_kind, queries.get(f.name), current_user)
            options[f.name] = chosen + [o for o in found if o not in chosen]
        elif f.type == "refs":
            targets = pages.list_pages(f.ref_kind, current_user)
            options[f.name] = [(p.slug, p.title) for p in targets]
    return options


def _labels(spec, form) -> dict[str, str]:
    """Return the label of every field by name, so each error can say where it is."""
    labels = {name: form[name].label.text for name in ("title", "body", "tags", "summary")}
    labels.update({f.name: f.label for f in spec.fields})
    return labels


def _keep_curated(spec, form, values, revision=None) -> None:
    """Keep what only moderators edit as it was when someone else saves the form."""
    if permissions.is_curator(current_user):
        return
    for f in spec.fields:
        if f.curated:
            values[f.name] = revision.fields.get(f.name) if revision else f.empty()
    if spec.curated_body and revision is None:
        form.body.data = ""


@bp.get("/kiezen")
def pick():
    """Offer pages of a kind whose title has the typed words (the form's search picker)."""
    spec = kind_for_word(request.args.get("soort"))
    f = next((f for f in spec.fields if f.name == request.args.get("veld")), None) if spec else None
    if f is None or not f.searchable:
        raise NotFound("Dit keuzeveld bestaat niet.")
    found = pages.find_titles(f.ref_kind, request.args.get("q", "")[:200], current_user)
    return render_template("edit/_picker_options.html", f=f, options=found, chosen=[])


def _wants_save() -> bool:
    return request.form.get("action", "save") == "save"


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    """Create a page of a chosen kind, starting from the kind's template."""
    spec = kind_for_word(request.values.get("soort"))
    if spec is None:
        return render_template("edit/choose_kind.html", title=request.args.get("titel", ""))
    permissions.check(current_user, "create")
    form = PageForm()
    if request.method == "GET":
        form.title.data = request.args.get("titel", "")
        return _form(spec, form, spec.empty_fields())
    values = kind_fields_from_form(spec, request.form)
    _keep_curated(spec, form, values)
    if not _wants_save():
        return _form(spec, form, values)
    try:
        page = pages.create_page(
            spec.name,
            title=form.title.data,
            body=form.body.data,
            fields=values,
            tags=form.tags.data,
            summary=form.summary.data or "Nieuwe pagina",
            actor=actor_for(current_user),
            anonymous=request.form.get("anonymous") == "ja",
        )
    except Invalid as error:
        return _form(spec, form, values, errors=error.errors, status=422)
    flash("De pagina is aangemaakt.")
    return redirect(rendering.page_path(page))


@bp.route(f"/<{SEGMENTS}>/<slug>/bewerken", methods=["GET", "POST"])
def edit(segment: str, slug: str):
    """Edit a page; a change made meanwhile is merged, or shown as a conflict."""
    page, moved = canonical(segment, slug, "bewerken")
    if moved:
        return moved
    if not permissions.can(current_user, "suggest", page):
        permissions.check(current_user, "edit", page)
    spec, revision = KINDS[page.kind], page.current_revision
    form = PageForm()
    if request.method == "GET":
        form.title.data, form.body.data = revision.title, revision.body
        # Current tags, not the revision's: a tag may have been renamed or merged since.
        form.tags.data = ", ".join(tag.name for tag in page.tags)
        form.base_revision.data = revision.id
        return _form(spec, form, revision.fields, page=page)
    values = kind_fields_from_form(spec, request.form)
    _keep_curated(spec, form, values, revision)
    if not _wants_save():
        return _form(spec, form, values, page=page)
    try:
        result = pages.save_revision(
            page,
            base_id=form.base_revision.data,
            title=form.title.data,
            body=form.body.data,
            fields=values,
            tags=form.tags.data,
            summary=form.summary.data,
            actor=actor_for(current_user),
        )
    except Invalid as error:
        return _form(spec, form, values, page=page, errors=error.errors, status=422)
    except EditConflict as conflict:
        return _conflict(spec, form, values, page, conflict)
    flash(_saved_message(result))
    if result.suggestion is not None:
        return redirect(url_for("moderation.suggestion", suggestion_id=result.suggestion.id))
    return redirect(rendering.page_path(page))


def _conflict(spec, form, values, page, conflict: EditConflict):
    """Show both versions; the form keeps the person's text, now based on the newest."""
    head = conflict.head or page.current_revision
    form.base_revision.data = head.id
    diff = history.diff_states_for(page, head, conflict.mine) if conflict.mine else None
    current = history.conflicting_values(page, head, conflict.conflicts)
    return _form(
        spec, form, values, page=page, status=409, conflict=conflict, diff=diff, current=current
    )


def _saved_message(result) -> str:
    if result.suggestion is not None:
        return (
            "Deze pagina is beschermd. Je wijziging is opgeslagen als voorstel; "
            "een moderator bekijkt het. Je ziet de uitkomst op je accountpagina."
        )
    if not result.changed:
        return "Er was niets veranderd, dus er is geen nieuwe versie gemaakt."
    if result.merged:
        return (
            "Opgeslagen. Iemand anders had de pagina intussen ook gewijzigd; "
            "beide wijzigingen zijn samengevoegd."
        )
    return "Je wijziging is opgeslagen."


@bp.post("/voorbeeld")
def preview():
    """Render markdown for the live preview (JavaScript enhancement of the edit form)."""
    return rendering.render_text(request.form.get("body", ""))


@bp.route(f"/<{SEGMENTS}>/<slug>/terugzetten", methods=["GET", "POST"])
def revert(segment: str, slug: str):
    """Confirm and put back an earlier revision, as a new revision."""
    page, moved = canonical(segment, slug, "terugzetten")
    if moved:
        return moved
    permissions.check(current_user, "revert", page)
    form = RevertForm()
    target = history.get_revision(page, request.values.get("revision", ""), current_user)
    if request.method == "POST":
        pages.revert_to(page, target.id, actor=actor_for(current_user), summary=form.summary.data)
        flash(f"Versie {target.id} is teruggezet als nieuwe versie.")
        return redirect(rendering.page_path(page))
    form.revision.data = target.id
    diff = history.diff_revisions(page, page.current_revision, target)
    return render_template(
        "edit/revert.html", page=page, spec=KINDS[page.kind], target=target, form=form, diff=diff
    )
