"""Signing in with a second step: an authenticator app (TOTP) or a recovery code.

Moderators and admins must have one (BIO), employees may; codes work once and wrong
ones are limited; admins wipe a lost one, which ends the person's sessions.
"""

import re
import time

import pyotp
import pytest
from conftest import PASSWORD, form_data, sign_in
from test_web_auth import fill
from test_web_auth import sign_in as sign_in_with_password
from test_web_pages import text_of

from wiki.extensions import db
from wiki.models import AuditEntry, RecoveryCode, SecondFactor

SETUP = "/tweestapsverificatie/instellen"


def submit(client, url, **values):
    """Fill the form at url like a person and send it."""
    form = form_data(client.get(url))
    fill(form, values)
    return client.post(url, data=form)


def code_step(client, code):
    return submit(client, "/inloggen/code", code=code)


def secret_on(page) -> str:
    """The key the setup page shows for typing into an app (grouped by four)."""
    shown = re.search(r'class="secret">.*?<code>([A-Z2-7 ]+)</code>', page.get_data(as_text=True))
    return shown.group(1).replace(" ", "")


def recovery_codes_on(page) -> list[str]:
    return re.findall(
        r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", page.get_data(as_text=True)
    )


def next_code(totp) -> str:
    """A code of the coming 30 seconds: the current one may have been used already."""
    return totp.at(time.time(), counter_offset=1)


def sign_out(client) -> None:
    client.post("/uitloggen", data={"csrf_token": form_data(client.get("/inloggen"))["csrf_token"]})


def set_up_through_the_form(client, **extra) -> tuple[pyotp.TOTP, list[str]]:
    """Scan (read) the key on the setup page, type the app's code; return app and codes."""
    page = client.get(SETUP)
    totp = pyotp.TOTP(secret_on(page))
    form = form_data(page)
    fill(form, {"code": totp.now(), **extra})
    done = client.post(SETUP, data=form)
    assert done.status_code == 200, text_of(done)
    return totp, recovery_codes_on(done)


def test_a_moderator_sets_up_an_app_at_first_sign_in_before_moderating(client, make_user):
    moderator = make_user("moderator", second_factor=False)
    response = sign_in_with_password(client, moderator.email, PASSWORD)
    assert response.headers["Location"] == f"{SETUP}?volgende=/"
    assert client.get("/moderatie").status_code == 302, "not signed in before the second step"

    page = client.get(SETUP)
    html = page.get_data(as_text=True)
    assert 'role="img"' in html and "<svg" in html and "<path" in html  # the QR code
    assert "Scannen lukt niet?" in text_of(page)
    _totp, codes = set_up_through_the_form(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/moderatie").status_code == 200
    with client.application.app_context():
        stored = db.session.scalars(select_codes(moderator.id)).all()
    assert len(stored) == 10 and not {c.code_hash for c in stored} & set(codes), "hashed"


def select_codes(user_id):
    from sqlalchemy import select

    return select(RecoveryCode).where(RecoveryCode.user_id == user_id)


def test_a_moderator_without_a_second_factor_cannot_reach_moderation(client, make_user):
    moderator = make_user("moderator", second_factor=False)
    sign_in(client, moderator)  # a session from before two-step sign-in existed
    response = client.get("/moderatie")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{SETUP}?volgende=/moderatie"
    assert client.get("/moderatie/logboek").status_code == 302


def test_a_moderator_who_passed_the_second_step_reaches_moderation(client, make_user):
    """Negative control for the test above."""
    sign_in(client, make_user("moderator"))
    assert client.get("/moderatie").status_code == 200


def test_sign_in_with_the_code_from_the_app_and_each_code_works_once(client, make_user):
    moderator = make_user("moderator")
    response = sign_in_with_password(client, moderator.email, PASSWORD)
    assert response.headers["Location"] == "/inloggen/code?volgende=/"
    wrong = code_step(client, "000000" if moderator.totp.now() != "000000" else "111111")
    assert wrong.status_code == 422
    assert "Deze code klopt niet." in text_of(wrong)
    code = moderator.totp.now()
    assert code_step(client, code).headers["Location"] == "/"
    assert client.get("/moderatie").status_code == 200

    sign_out(client)
    sign_in_with_password(client, moderator.email, PASSWORD)
    again = code_step(client, code)
    assert again.status_code == 422
    assert "Deze code is al gebruikt." in text_of(again)
    assert code_step(client, next_code(moderator.totp)).status_code == 302


def test_a_recovery_code_works_once(client, make_user):
    editor = make_user("editor")
    sign_in(client, editor)
    _totp, codes = set_up_through_the_form(client, password=PASSWORD)
    sign_out(client)

    sign_in_with_password(client, editor.email, PASSWORD)
    used = submit(client, "/inloggen/herstelcode", code=codes[0].upper())
    assert used.headers["Location"] == "/"
    assert "Je hebt nog 9 herstelcodes." in text_of(client.get("/"))
    sign_out(client)

    sign_in_with_password(client, editor.email, PASSWORD)
    again = submit(client, "/inloggen/herstelcode", code=codes[0])
    assert again.status_code == 422
    assert "Deze herstelcode klopt niet of is al gebruikt." in text_of(again)
    assert "Uitloggen" not in text_of(client.get("/"))
    assert submit(client, "/inloggen/herstelcode", code=codes[1]).status_code == 302


def test_wrong_codes_are_limited_per_account(client, make_user):
    moderator = make_user("moderator")
    sign_in_with_password(client, moderator.email, PASSWORD)
    wrong = "000000" if moderator.totp.now() != "000000" else "111111"
    for attempt in range(5):
        assert code_step(client, wrong).status_code == 422, attempt
    blocked = code_step(client, moderator.totp.now())
    assert blocked.status_code == 429
    assert "Je hebt te vaak een verkeerde code ingevuld" in text_of(blocked)
    recovery = submit(client, "/inloggen/herstelcode", code="aaaaa-bbbbb")
    assert recovery.status_code == 429, "recovery codes count towards the same limit"
    assert "Uitloggen" not in text_of(client.get("/"))

    other = make_user("moderator")
    other_client = client.application.test_client()
    sign_in_with_password(other_client, other.email, PASSWORD)
    assert code_step(other_client, other.totp.now()).status_code == 302, "others still can"


def test_a_remembered_browser_still_asks_for_the_code(client, make_user):
    moderator = make_user("moderator")
    sign_in_with_password(client, moderator.email, PASSWORD, remember=True)
    code_step(client, moderator.totp.now())
    remembered = client.get_cookie("remember_token")
    assert remembered is not None

    later = client.application.test_client()  # the browser was closed: no session cookie
    later.set_cookie("remember_token", remembered.value)
    response = later.get("/moderatie")
    assert response.headers["Location"] == "/inloggen/code?volgende=/moderatie"
    passed = submit(later, response.headers["Location"], code=next_code(moderator.totp))
    assert passed.headers["Location"] == "/moderatie"
    assert later.get("/moderatie").status_code == 200


def test_an_admin_wipes_a_lost_second_factor_which_ends_the_sessions(client, make_user):
    moderator = make_user("moderator", name="Mo Kwijt")
    sign_in(client, moderator)
    assert client.get("/moderatie").status_code == 200
    admin = client.application.test_client()
    sign_in(admin, make_user("admin"))
    page = f"/beheer/gebruikers/{moderator.username}"
    assert "Tweestapsverificatie wissen" in text_of(admin.get(page))
    form = form_data(admin.get(page))
    reset = {"csrf_token": form["csrf_token"], "tweestapsverificatie-reason": "Telefoon gestolen"}
    done = admin.post(f"{page}/tweestapsverificatie-wissen", data=reset)
    assert done.status_code == 302
    assert "is gewist" in text_of(admin.get(page))
    with client.application.app_context():
        entry = db.session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert (entry.action, entry.target, entry.reason) == (
            "user.second_factor_reset",
            moderator.username,
            "Telefoon gestolen",
        )
        assert db.session.query(SecondFactor).filter_by(user_id=moderator.id).count() == 0

    ended = client.get("/moderatie")
    assert ended.headers["Location"].startswith("/inloggen?volgende=/moderatie")
    assert "Je tweestapsverificatie is gewijzigd. Log opnieuw in." in text_of(client.get("/"))
    again = sign_in_with_password(client, moderator.email, PASSWORD)
    assert again.headers["Location"].startswith(SETUP)


def test_only_admins_wipe_a_second_factor(client, make_user):
    target = make_user("moderator")
    sign_in(client, make_user("moderator"))
    token = form_data(client.get("/account"))["csrf_token"]
    url = f"/beheer/gebruikers/{target.username}/tweestapsverificatie-wissen"
    assert client.post(url, data={"csrf_token": token}).status_code == 403
    with client.application.app_context():
        assert db.session.query(SecondFactor).filter_by(user_id=target.id).count() == 1


def test_an_employee_turns_two_step_sign_in_on_and_off_on_the_account_page(client, make_user):
    editor = make_user("editor")
    sign_in(client, editor)
    assert "Staat uit" in text_of(client.get("/account"))
    wrong = submit(client, SETUP, password="niet mijn wachtwoord", code="123456")
    assert wrong.status_code == 422 and "Je wachtwoord klopt niet." in text_of(wrong)
    totp, _codes = set_up_through_the_form(client, password=PASSWORD)
    assert "Staat aan sinds" in text_of(client.get("/account"))
    mine = client.get("/account/gegevens.json").json
    assert mine["tweestapsverificatie aan sinds"] is not None
    assert totp.secret not in str(mine), "the secret is never handed out"
    sign_out(client)
    assert (
        sign_in_with_password(client, editor.email, PASSWORD)
        .headers["Location"]
        .startswith("/inloggen/code")
    )
    code_step(client, next_code(totp))

    form = form_data(client.get("/account"))
    off = {"csrf_token": form["csrf_token"], "uitzetten-password": PASSWORD}
    assert client.post("/account/tweestapsverificatie/uitzetten", data=off).status_code == 302
    sign_out(client)
    assert sign_in_with_password(client, editor.email, PASSWORD).headers["Location"] == "/"


def test_moderators_cannot_turn_it_off(client, make_user):
    sign_in(client, make_user("moderator"))
    token = form_data(client.get("/account"))["csrf_token"]
    off = {"csrf_token": token, "uitzetten-password": PASSWORD}
    refused = client.post("/account/tweestapsverificatie/uitzetten", data=off)
    assert refused.status_code == 403
    assert "Als moderator of beheerder log je altijd in met" in text_of(refused)
    assert client.get("/moderatie").status_code == 200, "still set up, still signed in"


def test_replacing_the_app_while_signing_in_takes_the_old_one_first(client, make_user):
    moderator = make_user("moderator")
    sign_in_with_password(client, moderator.email, PASSWORD)
    response = client.get(SETUP)
    assert response.headers["Location"].startswith("/inloggen/code")


def test_the_code_fields_are_labelled_and_suggest_one_time_codes(client, make_user):
    sign_in_with_password(client, make_user("moderator").email, PASSWORD)
    page = client.get("/inloggen/code").get_data(as_text=True)
    assert '<label for="code">Code uit je app</label>' in page
    field = re.search(r"<input[^>]*id=\"code\"[^>]*>", page).group(0)
    for attribute in ('autocomplete="one-time-code"', 'inputmode="numeric"', "aria-describedby"):
        assert attribute in field
    recovery = client.get("/inloggen/herstelcode").get_data(as_text=True)
    assert '<label for="code">Herstelcode</label>' in recovery


def test_setup_shows_the_key_as_text_for_typing_in(client, make_user):
    moderator = make_user("moderator", second_factor=False)
    sign_in_with_password(client, moderator.email, PASSWORD)
    page = client.get(SETUP)
    key = secret_on(page)
    assert len(key) == 32
    assert "sleutel invoeren" in text_of(page)
    assert key == secret_on(client.get(SETUP)), "reloading keeps the key the app may have"


def test_a_half_finished_sign_in_expires(client, make_user, monkeypatch):
    from wiki.views import second_factor as views

    moderator = make_user("moderator")
    sign_in_with_password(client, moderator.email, PASSWORD)
    form = form_data(client.get("/inloggen/code"))
    form["code"] = moderator.totp.now()
    monkeypatch.setattr(views, "PENDING_SECONDS", -1)
    response = client.post("/inloggen/code", data=form)
    assert response.headers["Location"].startswith("/inloggen")
    assert "Uitloggen" not in text_of(client.get("/"))


def test_api_tokens_of_moderators_work_as_before(client, make_user, token_for):
    moderator = make_user("moderator", second_factor=False)
    headers = {"Authorization": f"Bearer {token_for(moderator)}"}
    assert client.get("/api/v1/pages", headers=headers).status_code == 200


def test_the_command_line_creates_a_moderator_who_sets_up_at_first_sign_in(app, client, runner):
    result = runner.invoke(
        args=[
            "user",
            "create",
            "Nieuwe Mod",
            "--email",
            "nieuw@minbzk.nl",
            "--role",
            "moderator",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "stelt deze persoon tweestapsverificatie in" in result.output
    assert (
        sign_in_with_password(client, "nieuw@minbzk.nl", PASSWORD)
        .headers["Location"]
        .startswith(SETUP)
    )


def test_the_command_line_wipes_a_second_factor_into_the_audit_log(app, runner, make_user):
    moderator = make_user("moderator")
    result = runner.invoke(args=["user", "reset-2fa", moderator.email, "--reason", "Kwijt"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.query(SecondFactor).filter_by(user_id=moderator.id).count() == 0
        entry = db.session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert (entry.action, entry.actor, entry.reason) == (
            "user.second_factor_reset",
            None,
            "Kwijt",
        )


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef"])
def test_malformed_codes_are_wrong_codes(client, make_user, code):
    sign_in_with_password(client, make_user("moderator").email, PASSWORD)
    response = code_step(client, code)
    assert response.status_code == 422
    assert "Deze code klopt niet." in text_of(response)
