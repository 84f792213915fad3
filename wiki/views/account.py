"""Your account: your data, password, API tokens, suggestions, and deleting it all."""

import json

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from wiki.errors import Invalid
from wiki.forms.auth import DeleteAccountForm, PasswordForm, TokenForm
from wiki.services import accounts, moderation
from wiki.views.second_factor import account_section

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(status=200, **extra):
    context = dict(
        data=accounts.my_data(current_user),
        tokens=accounts.tokens_of(current_user),
        suggestions=moderation.suggestions_by(current_user),
        password_form=extra.pop("password_form", PasswordForm()),
        token_form=TokenForm(),
        errors=extra.pop("errors", {}),
        **account_section(current_user),
        **extra,
    )
    return render_template("account/index.html", **context), status


@bp.get("")
@login_required
def index():
    """Show what the wiki keeps about you, your tokens and your suggestions."""
    return _page()


@bp.post("/wachtwoord")
@login_required
def change_password():
    form = PasswordForm()
    try:
        accounts.change_password(current_user, form.current.data, form.new.data)
    except Invalid as error:
        return _page(422, password_form=form, errors=error.errors)
    flash("Je wachtwoord is gewijzigd.")
    return redirect(url_for("account.index"))


@bp.post("/tokens")
@login_required
def create_token():
    """Create an API token and show it once."""
    token, secret = accounts.create_token(current_user, TokenForm().name.data)
    return _page(201, new_token=secret, new_token_name=token.name)


@bp.post("/tokens/<int:token_id>/intrekken")
@login_required
def revoke_token(token_id: int):
    accounts.revoke_token(current_user, token_id)
    flash("Het token is ingetrokken. Het werkt niet meer.")
    return redirect(url_for("account.index"))


@bp.get("/gegevens.json")
@login_required
def export():
    """Download your data (AVG)."""
    body = json.dumps(accounts.my_data(current_user), ensure_ascii=False, indent=2)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'attachment; filename="mijn-gegevens-av-wiki.json"',
    }
    return body, 200, headers


@bp.route("/verwijderen", methods=["GET", "POST"])
@login_required
def delete():
    """Delete your account; your edits stay, as "Voormalig medewerker"."""
    form = DeleteAccountForm()
    if form.is_submitted():
        try:
            accounts.delete_account(current_user, form.password.data)
        except Invalid as error:
            return render_template("account/delete.html", form=form, errors=error.errors), 422
        logout_user()
        flash("Je account is verwijderd. Je bijdragen blijven staan als 'Voormalig medewerker'.")
        return redirect(url_for("home.index"))
    return render_template("account/delete.html", form=form, errors={})
