"""The second step of signing in, setting it up, and the rule that nobody skips it.

After a correct password, someone with a second factor (or a moderator or admin, who
must have one) is not signed in yet: the session remembers them for ten minutes while
they type a code from their app or a recovery code, or set up an app. A signed-in
session records which factor it passed; a session without that proof (a remember-me
cookie, a password reset) is sent to the code page first, and one whose factor was
reset or replaced since is signed out.
"""

import secrets
import time

import segno
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user, user_logged_out
from markupsafe import Markup

from wiki import permissions
from wiki.errors import Invalid, TooManyAttempts
from wiki.forms.second_factor import CodeForm, ConfirmPasswordForm, RecoveryForm, SetupForm
from wiki.services import accounts, second_factor
from wiki.views.redirects import safe_next

bp = Blueprint("second_factor", __name__)

PENDING = "sign_in_pending"  # {"user": id, "remember": bool, "at": epoch seconds}
PROOF = "second_factor"  # second_factor.proof() of the factor this session passed
# A random nonce from which the setup page's secret is derived (with the app's key), so
# the secret itself is never in the cookie.
SETUP_NONCE = "second_factor_setup"
PENDING_SECONDS = 10 * 60
# Form prefixes, so the account page's password fields have ids of their own.
RENEW, DISABLE = "herstelcodes", "uitzetten"


def account_section(user) -> dict:
    """Return what the account page shows about user's second step, with its forms."""
    factor = second_factor.factor_of(user)
    return {
        "factor": factor,
        "factor_required": permissions.needs_second_factor(user),
        "recovery_left": second_factor.recovery_codes_left(user) if factor else 0,
        "renew_form": ConfirmPasswordForm(prefix=RENEW),
        "disable_form": ConfirmPasswordForm(prefix=DISABLE),
    }


def start(user, *, remember: bool, target: str):
    """Hold a sign-in whose password was right until the second step is done."""
    session.pop(PROOF, None)
    session.pop(SETUP_NONCE, None)
    session[PENDING] = {"user": user.id, "remember": bool(remember), "at": int(time.time())}
    step = "code" if second_factor.factor_of(user) else "setup"
    return redirect(url_for(f"second_factor.{step}", volgende=target))


def _person():
    """Return who this step is for: the signed-in person, or the one signing in."""
    if current_user.is_authenticated:
        return current_user
    pending = session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return accounts.load_user(str(pending["user"]))


def _has_passed(person) -> bool:
    """Tell whether this session passed person's current second step."""
    proof = second_factor.proof(person)
    return current_user.is_authenticated and proof is not None and session.get(PROOF) == proof


def _target() -> str:
    return safe_next(request.args.get("volgende"))


def _passed(person) -> None:
    """Sign person in (if they were signing in) and record the factor this session passed."""
    pending = session.pop(PENDING, None)
    if not current_user.is_authenticated:
        login_user(person, remember=bool(pending and pending["remember"]))
    session[PROOF] = second_factor.proof(person)


def _restart():
    flash("Log opnieuw in. Het inloggen duurde te lang of is niet begonnen.")
    return redirect(url_for("auth.sign_in", volgende=_target()))


def _step(template: str, form, check):
    """Show a code form; on POST, check the code and sign in. Returns a response."""
    person = _person()
    if person is None:
        return _restart()
    if second_factor.factor_of(person) is None:
        return redirect(url_for("second_factor.setup", volgende=_target()))
    if _has_passed(person):
        return redirect(_target())
    if request.method == "POST":
        try:
            left = check(person, form.code.data)
        except TooManyAttempts as error:
            return render_template(template, form=form, errors={}, message=error.message), 429
        except Invalid as error:
            return render_template(template, form=form, errors=error.errors, message=None), 422
        _passed(person)
        flash(f"Je bent ingelogd als {person.display_name}.")
        if left is not None:
            flash(f"Je hebt nog {left} herstelcodes. Maak nieuwe aan op je accountpagina.")
        return redirect(_target())
    return render_template(template, form=form, errors={}, message=None)


@bp.route("/inloggen/code", methods=["GET", "POST"])
def code():
    """Second step: the code from the authenticator app."""
    return _step("second_factor/code.html", CodeForm(), second_factor.verify)


@bp.route("/inloggen/herstelcode", methods=["GET", "POST"])
def recovery():
    """Second step without the phone: a single-use recovery code."""
    return _step("second_factor/recovery.html", RecoveryForm(), second_factor.use_recovery_code)


def qr_code(uri: str) -> Markup:
    """Return the QR code of uri as inline SVG (made here; no outside service sees it)."""
    qr = segno.make(uri, error="m")
    return Markup(qr.svg_inline(dark="#000", light="#fff", omitsize=True))


def _setup_page(person, form, status=200, errors=None, message=None):
    secret = second_factor.setup_secret(person, session[SETUP_NONCE])
    return render_template(
        "second_factor/setup.html",
        form=form,
        secret=secret,
        qr=qr_code(second_factor.setup_uri(person, secret)),
        required=permissions.needs_second_factor(person),
        errors=errors or {},
        message=message,
    ), status


@bp.route("/tweestapsverificatie/instellen", methods=["GET", "POST"])
def setup():
    """Set up an authenticator app: QR code, the secret as text, then a code to confirm."""
    person = _person()
    if person is None:
        return _restart()
    if second_factor.factor_of(person) and not _has_passed(person):
        # Replacing a factor takes the old one first.
        return redirect(url_for("second_factor.code", volgende=_target()))
    form = SetupForm()
    if not current_user.is_authenticated:
        del form.password  # checked a moment ago, at the first step
    nonce = session.setdefault(SETUP_NONCE, secrets.token_hex(16))
    if request.method != "POST":
        return _setup_page(person, form)
    password = form.password.data if current_user.is_authenticated else None
    try:
        codes = second_factor.enable(person, nonce, form.code.data, password=password)
    except TooManyAttempts as error:
        return _setup_page(person, form, 429, message=error.message)
    except Invalid as error:
        return _setup_page(person, form, 422, errors=error.errors or {"code": error.message})
    session.pop(SETUP_NONCE, None)
    _passed(person)
    flash(f"Tweestapsverificatie staat aan. Je bent ingelogd als {person.display_name}.")
    return render_template("second_factor/codes.html", codes=codes, target=_target())


@bp.post("/account/tweestapsverificatie/herstelcodes")
@login_required
def renew_codes():
    """Make ten new recovery codes (the old ones stop working) and show them once."""
    form = ConfirmPasswordForm(prefix=RENEW)
    try:
        codes = second_factor.renew_recovery_codes(current_user, form.password.data)
    except (Invalid, TooManyAttempts) as error:
        flash(next(iter(getattr(error, "errors", {}).values()), error.message))
        return redirect(url_for("account.index") + "#tweestapsverificatie")
    return render_template("second_factor/codes.html", codes=codes, target=url_for("account.index"))


@bp.post("/account/tweestapsverificatie/uitzetten")
@login_required
def disable():
    """Turn the second step off (employees only)."""
    form = ConfirmPasswordForm(prefix=DISABLE)
    try:
        second_factor.disable(current_user, form.password.data)
    except (Invalid, TooManyAttempts) as error:
        flash(next(iter(getattr(error, "errors", {}).values()), error.message))
        return redirect(url_for("account.index") + "#tweestapsverificatie")
    session.pop(PROOF, None)
    flash("Tweestapsverificatie staat uit. Je logt voortaan in met alleen je wachtwoord.")
    return redirect(url_for("account.index"))


OPEN_ENDPOINTS = {"static", "health.healthz", "auth.sign_out"}
# The steps themselves; the account actions below them do need the second step.
STEP_ENDPOINTS = {"second_factor.code", "second_factor.recovery", "second_factor.setup"}


def _forget(*_args, **_kwargs) -> None:
    """Signing out also forgets the second step and any sign-in halfway."""
    session.pop(PROOF, None)
    session.pop(PENDING, None)


def init_app(app) -> None:
    """Send signed-in people who have not passed their second step to it first."""
    user_logged_out.connect(_forget, app)

    @app.before_request
    def require_second_factor():
        if not current_user.is_authenticated:
            return None
        endpoint = request.endpoint or ""
        if endpoint in OPEN_ENDPOINTS | STEP_ENDPOINTS or endpoint.startswith("api."):
            return None
        expected = second_factor.proof(current_user)
        held = session.get(PROOF)
        mine = held if held and held.split(":")[0] == str(current_user.id) else None
        if mine is not None and mine == expected:
            return None
        back = request.full_path.rstrip("?")
        if mine is not None:
            # This session passed a factor that has since been wiped or replaced.
            logout_user()
            flash("Je tweestapsverificatie is gewijzigd. Log opnieuw in.")
            return redirect(url_for("auth.sign_in", volgende=back))
        if expected is not None:
            return redirect(url_for("second_factor.code", volgende=back))
        if permissions.needs_second_factor(current_user):
            return redirect(url_for("second_factor.setup", volgende=back))
        return None
