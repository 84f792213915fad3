"""Managing people: roles (admins) and blocks (moderators)."""

from datetime import UTC, datetime, time

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from wiki import permissions
from wiki.errors import Invalid
from wiki.forms.moderation import BlockForm, ReasonForm, RoleForm
from wiki.models.user import role_name
from wiki.services import accounts, second_factor

bp = Blueprint("admin", __name__, url_prefix="/beheer")
FACTOR_PREFIX = "tweestapsverificatie"


@bp.get("/gebruikers")
@login_required
def users():
    """List everyone with their role and block (admins)."""
    return render_template("admin/users.html", users=accounts.list_users(current_user))


def _user_page(person, status=200, errors=None, role_form=None, block_form=None):
    role_form = role_form or RoleForm(role=person.role)
    block_form = block_form or BlockForm()
    context = dict(person=person, role_form=role_form, block_form=block_form, errors=errors or {})
    context["factor"] = second_factor.factor_of(person)
    context["factor_required"] = permissions.needs_second_factor(person)
    context["factor_form"] = ReasonForm(prefix=FACTOR_PREFIX)
    return render_template("admin/user.html", **context), status


@bp.get("/gebruikers/<username>")
@login_required
def user(username: str):
    permissions.check(current_user, "moderate")
    return _user_page(accounts.get_user(username))


@bp.post("/gebruikers/<username>/rol")
@login_required
def set_role(username: str):
    person, form = accounts.get_user(username), RoleForm()
    try:
        accounts.set_role(current_user, person, form.role.data, reason=form.reason.data or "")
    except Invalid as error:
        return _user_page(person, 422, error.errors, role_form=form)
    flash(f"{person.display_name} is nu {role_name(form.role.data)}.")
    return redirect(url_for("admin.user", username=username))


@bp.post("/gebruikers/<username>/blokkeren")
@login_required
def block(username: str):
    person, form = accounts.get_user(username), BlockForm()
    form.validate()
    until = datetime.combine(form.until.data, time.max, tzinfo=UTC) if form.until.data else None
    try:
        accounts.block(current_user, person, until=until, reason=form.reason.data or "")
    except Invalid as error:
        return _user_page(person, 422, error.errors, block_form=form)
    flash(f"{person.display_name} is geblokkeerd.")
    return redirect(url_for("admin.user", username=username))


@bp.post("/gebruikers/<username>/deblokkeren")
@login_required
def unblock(username: str):
    person = accounts.get_user(username)
    accounts.unblock(current_user, person, reason=request.form.get("reason", ""))
    flash(f"De blokkade van {person.display_name} is opgeheven.")
    return redirect(url_for("admin.user", username=username))


@bp.post("/gebruikers/<username>/tweestapsverificatie-wissen")
@login_required
def reset_second_factor(username: str):
    """Wipe someone's second step after they lost phone and codes (admins, audited)."""
    person = accounts.get_user(username)
    reason = ReasonForm(prefix=FACTOR_PREFIX).reason.data or ""
    second_factor.reset(current_user, person, reason)
    flash(
        f"De tweestapsverificatie van {person.display_name} is gewist. "
        "Alle sessies van deze persoon zijn beëindigd."
    )
    return redirect(url_for("admin.user", username=username))
