"""Signing up, in and out, and getting a new password."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from wiki.errors import Invalid
from wiki.forms.auth import RegisterForm, ResetForm, ResetRequestForm, SignInForm
from wiki.services import accounts, second_factor
from wiki.views import second_factor as second_step
from wiki.views.redirects import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/registreren", methods=["GET", "POST"])
def register():
    """Create an account (if registration is open) and sign in."""
    if not current_app.config["REGISTRATION_OPEN"]:
        abort(404)
    form = RegisterForm()
    if request.method == "POST":
        try:
            user = accounts.register(
                name=form.name.data, email=form.email.data, password=form.password.data
            )
        except Invalid as error:
            return render_template("auth/register.html", form=form, errors=error.errors), 422
        login_user(user)
        flash(f"Welkom, {user.display_name}. Je account is klaar.")
        return redirect(url_for("home.index"))
    return render_template("auth/register.html", form=form, errors={})


@bp.route("/inloggen", methods=["GET", "POST"])
def sign_in():
    """Sign in with e-mail and password; failed attempts are limited."""
    form = SignInForm()
    if request.method == "POST":
        try:
            user = accounts.authenticate(form.email.data, form.password.data, request.remote_addr)
        except Invalid as error:
            return render_template("auth/sign_in.html", form=form, message=error.message), 422
        target = safe_next(request.args.get("volgende") or request.args.get("next"))
        if second_factor.applies_to(user):
            return second_step.start(user, remember=form.remember.data, target=target)
        login_user(user, remember=form.remember.data)
        flash(f"Je bent ingelogd als {user.display_name}.")
        return redirect(target)
    return render_template("auth/sign_in.html", form=form, message=None)


@bp.post("/uitloggen")
def sign_out():
    """Sign out (a POST with CSRF token, so no page can sign you out)."""
    logout_user()
    flash("Je bent uitgelogd.")
    return redirect(url_for("home.index"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def forgot_password():
    """Mail a reset link; the answer is the same whether the account exists or not."""
    form = ResetRequestForm()
    if request.method == "POST":
        accounts.request_password_reset(
            form.email.data,
            lambda token: url_for("auth.reset_password", token=token, _external=True),
        )
        return render_template("auth/reset_sent.html")
    return render_template("auth/reset_request.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with the link from the mail."""
    form = ResetForm()
    if request.method == "POST":
        try:
            user = accounts.reset_password(token, form.new.data)
        except Invalid as error:
            context = {"form": form, "errors": error.errors, "message": error.message}
            return render_template("auth/reset.html", **context), 422
        login_user(user)
        flash("Je nieuwe wachtwoord is ingesteld. Je bent ingelogd.")
        return redirect(url_for("home.index"))
    return render_template("auth/reset.html", form=form, errors={}, message=None)


def init_app(app) -> None:
    """Send visitors to sign in when anonymous reading is switched off."""
    from wiki import permissions

    open_endpoints = {"static", "health.healthz"} | second_step.STEP_ENDPOINTS

    @app.before_request
    def require_sign_in():
        endpoint = request.endpoint or ""
        if endpoint in open_endpoints or endpoint.startswith(("auth.", "api.")):
            return None
        if permissions.can(current_user, "read"):
            return None
        return redirect(url_for("auth.sign_in", volgende=request.full_path.rstrip("?")))
