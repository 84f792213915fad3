"""Adding to a dilemma: a perspective from a principle, and a vote on its principles."""

from flask import Blueprint, flash, redirect, render_template, request
from flask_login import current_user, login_required

from wiki.errors import Invalid
from wiki.forms.contributions import PerspectiveForm
from wiki.services import contributions
from wiki.services.rendering import page_path
from wiki.views.pages import canonical

bp = Blueprint("contributions", __name__)


@bp.post("/dilemmas/<slug>/perspectieven")
@login_required
def add_perspective(slug: str):
    """Add how you would act, starting from a principle."""
    page, _ = canonical("dilemmas", slug)
    form = PerspectiveForm()
    try:
        contributions.add_perspective(
            current_user,
            page,
            principle=form.principle.data,
            body=form.body.data,
            anonymous=form.anonymous.data,
        )
    except Invalid as error:
        context = dict(page=page, form=form, errors=error.errors)
        context["principles"] = contributions.principle_choices()
        return render_template("contributions/perspective.html", **context), 422
    flash("Dank je. Je perspectief staat bij het dilemma.")
    return redirect(page_path(page) + "#perspectieven")


@bp.post("/dilemmas/<slug>/stemmen")
@login_required
def vote(slug: str):
    """Choose up to four principles that matter most here; a new choice replaces the old."""
    page, _ = canonical("dilemmas", slug)
    try:
        contributions.vote(current_user, page, request.form.getlist("principles"))
    except Invalid as error:
        flash(" ".join(error.errors.values()) or error.message)
        return redirect(page_path(page) + "#stemmen")
    flash("Je keuze is opgeslagen.")
    return redirect(page_path(page) + "#stemmen")
