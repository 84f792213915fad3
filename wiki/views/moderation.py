"""Moderation: the queue, suggested changes, reports, curation acts and the audit log."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from wiki import permissions
from wiki.errors import Forbidden, Invalid
from wiki.forms.moderation import ReasonForm, ReportForm
from wiki.kinds import KINDS
from wiki.services import accounts, audit, contributions, history, moderation
from wiki.services.rendering import page_path
from wiki.views.pages import SEGMENTS, canonical
from wiki.views.redirects import safe_next

bp = Blueprint("moderation", __name__)

# Page acts that need a reason: (service function, Dutch title, message when done).
PAGE_ACTS = {
    "beschermen": (moderation.protect, "Pagina beschermen", "De pagina is beschermd."),
    "bescherming-opheffen": (
        moderation.unprotect,
        "Bescherming opheffen",
        "De pagina is niet meer beschermd.",
    ),
    "verbergen": (moderation.hide_page, "Pagina verbergen", "De pagina is verborgen."),
    "terugplaatsen": (
        moderation.restore_page,
        "Pagina terugplaatsen",
        "De pagina is weer zichtbaar.",
    ),
}


@bp.get("/moderatie")
@login_required
def queue():
    """What awaits moderators."""
    return render_template("moderation/queue.html", queue=moderation.queue(current_user))


ACT_NAMES = ",".join(f'"{name}"' for name in PAGE_ACTS)


@bp.route(f"/<{SEGMENTS}>/<slug>/<any({ACT_NAMES}):act>", methods=["GET", "POST"])
@login_required
def page_act(segment: str, slug: str, act: str):
    """Protect, unprotect, hide or restore a page, with a reason."""
    page, moved = canonical(segment, slug, act)
    if moved:
        return moved
    action, title, done = PAGE_ACTS[act]
    form = ReasonForm()
    permissions.check(current_user, "moderate")
    if request.method == "POST":
        try:
            action(current_user, page, form.reason.data)
        except Invalid as error:
            context = dict(form=form, page=page, title=title, errors=error.errors)
            return render_template("moderation/reason.html", **context), 422
        flash(done)
        return redirect(page_path(page))
    return render_template("moderation/reason.html", form=form, page=page, title=title, errors={})


@bp.post(f"/<{SEGMENTS}>/<slug>/gecontroleerd")
@login_required
def review_page(segment: str, slug: str):
    """Mark a new contribution as reviewed."""
    page, _ = canonical(segment, slug)
    moderation.mark_page_reviewed(current_user, page)
    flash("De pagina is gecontroleerd.")
    return redirect(safe_next(request.form.get("terug"), page_path(page)))


@bp.post(f"/<{SEGMENTS}>/<slug>/versies/<int:revision_id>/gecontroleerd")
@login_required
def patrol(segment: str, slug: str, revision_id: int):
    """Mark a revision as reviewed."""
    page, _ = canonical(segment, slug)
    moderation.patrol(current_user, history.get_revision(page, revision_id, current_user))
    flash("De wijziging is gemarkeerd als gecontroleerd.")
    return redirect(safe_next(request.form.get("terug"), page_path(page)))


@bp.route(
    f"/<{SEGMENTS}>/<slug>/versies/<int:revision_id>/<any(verbergen,tonen):act>",
    methods=["GET", "POST"],
)
@login_required
def revision_visibility(segment: str, slug: str, revision_id: int, act: str):
    """Hide an old revision's text from non-moderators, or show it again."""
    page, _ = canonical(segment, slug)
    revision = history.get_revision(page, revision_id, current_user)
    permissions.check(current_user, "moderate")
    form = ReasonForm()
    title = "Tekst van versie verbergen" if act == "verbergen" else "Tekst weer tonen"
    if request.method == "POST":
        try:
            moderation.hide_revision(
                current_user, revision, form.reason.data, hidden=act == "verbergen"
            )
        except Invalid as error:
            context = dict(
                form=form, page=page, title=title, errors=error.errors or {"reason": error.message}
            )
            return render_template("moderation/reason.html", **context), 422
        flash(
            "De tekst van deze versie is verborgen."
            if act == "verbergen"
            else "De tekst is weer zichtbaar."
        )
        return redirect(f"{KINDS[page.kind].path(page.slug)}/geschiedenis")
    return render_template("moderation/reason.html", form=form, page=page, title=title, errors={})


@bp.route(f"/<{SEGMENTS}>/<slug>/terugdraaien/<username>", methods=["GET", "POST"])
@login_required
def rollback(segment: str, slug: str, username: str):
    """Undo one person's latest consecutive edits on a page in one click."""
    page, _ = canonical(segment, slug)
    user = accounts.get_user(username)
    permissions.check(current_user, "moderate")
    form = ReasonForm()
    title = f"Bewerkingen van {user.display_name} terugdraaien"
    if request.method == "POST":
        try:
            moderation.rollback(current_user, page, user, form.reason.data)
        except Invalid as error:
            flash(error.message)
            return redirect(f"{KINDS[page.kind].path(page.slug)}/geschiedenis")
        flash(f"De bewerkingen van {user.display_name} zijn teruggedraaid.")
        return redirect(page_path(page))
    return render_template("moderation/reason.html", form=form, page=page, title=title, errors={})


@bp.route(f"/<{SEGMENTS}>/<slug>/melden", methods=["GET", "POST"])
@login_required
def report(segment: str, slug: str):
    """Report a page or revision to the moderators."""
    page, _ = canonical(segment, slug)
    form = ReportForm()
    if request.method == "POST":
        try:
            moderation.report(current_user, page, form.reason.data, form.revision.data or None)
        except Invalid as error:
            context = dict(form=form, page=page, errors=error.errors)
            return render_template("moderation/report.html", **context), 422
        flash("Dank je. Een moderator bekijkt je melding.")
        return redirect(page_path(page))
    permissions.check(current_user, "report", page)
    form.revision.data = request.args.get("versie", "")
    return render_template("moderation/report.html", form=form, page=page, errors={})


@bp.post("/moderatie/meldingen/<int:report_id>/afhandelen")
@login_required
def close_report(report_id: int):
    moderation.close_report(current_user, report_id, request.form.get("reason", ""))
    flash("De melding is afgehandeld.")
    return redirect(url_for("moderation.queue"))


@bp.route("/voorstellen/<int:suggestion_id>", methods=["GET", "POST"])
@login_required
def suggestion(suggestion_id: int):
    """Read a suggested change as a diff; moderators accept or reject it."""
    item = moderation.get_suggestion(suggestion_id)
    if not moderation.can_view_suggestion(current_user, item):
        raise Forbidden()
    form = ReasonForm()
    errors = {}
    if request.method == "POST":
        try:
            if request.form.get("besluit") == "overnemen":
                moderation.accept(current_user, item)
                flash("Het voorstel is overgenomen als nieuwe versie.")
            else:
                moderation.reject(current_user, item, form.reason.data)
                flash("Het voorstel is afgewezen. De indiener ziet je reden.")
            return redirect(url_for("moderation.queue"))
        except Invalid as error:
            errors = error.errors or {"reason": error.message}
    page = item.page
    current = history.diff_states_for(
        page, page.current_revision, moderation.suggestion_state(item)
    )
    status = 422 if errors else 200
    return render_template(
        "moderation/suggestion.html", item=item, page=page, diff=current, form=form, errors=errors
    ), status


@bp.post("/moderatie/perspectieven/<int:perspective_id>/verbergen")
@login_required
def hide_perspective(perspective_id: int):
    """Hide a perspective on a dilemma from readers."""
    item = contributions.hide_perspective(
        current_user, perspective_id, request.form.get("reason") or "Verborgen door moderator"
    )
    flash("Het perspectief is verborgen.")
    return redirect(page_path(item.page) + "#perspectieven")


@bp.get("/moderatie/logboek")
@login_required
def audit_log():
    """The audit log, newest first."""
    return render_template(
        "moderation/audit.html",
        entries=(found := audit.entries(current_user)),
        subjects=audit.page_subjects(found),
        labels=audit.ACTION_LABELS,
    )


@bp.get("/moderatie/logboek.csv")
@login_required
def audit_csv():
    """The whole audit log as CSV."""
    headers = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="logboek-av-wiki.csv"',
    }
    return audit.export_csv(current_user), 200, headers
