"""Accounts in the browser: register, sign in and out, passwords, limits, cookies."""

import logging
import re
import uuid

import pytest
from conftest import PASSWORD, form_data, make_app
from test_web_pages import text_of


def fill(form, values: dict):
    """Set form fields like a person typing (MultiDict.update would add, not replace)."""
    for name, value in values.items():
        form[name] = value


def register(client, name="Anna de Vries", email="anna@minbzk.nl", password="een goed wachtwoord"):
    form = form_data(client.get("/registreren"))
    fill(form, {"name": name, "email": email, "password": password})
    return client.post("/registreren", data=form)


def sign_in(client, email, password, remember=False):
    form = form_data(client.get("/inloggen"))
    fill(form, {"email": email, "password": password})
    if remember:
        form["remember"] = "y"
    return client.post("/inloggen", data=form)


def test_register_signs_you_in_and_shows_your_name(client):
    response = register(client)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Anna de Vries" in page and "Uitloggen" in page
    assert "Welkom, Anna de Vries" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Vul je naam in"),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"password": "kort"}, "minstens 10 tekens"),
        ({"name": "<script>"}, "zonder < of >"),
    ],
)
def test_registration_errors_are_dutch_and_keep_what_you_typed(client, fields, message):
    data = {"name": "Bram", "email": "bram@minbzk.nl", "password": "lang genoeg wachtwoord"}
    data.update(fields)
    response = register(client, **data)
    assert response.status_code == 422
    assert message in text_of(response)
    kept = form_data(response)
    assert kept["email"] == data["email"] and kept["name"] == data["name"]
    assert kept["password"] == "", "a password is never sent back to the browser"


def test_registration_can_be_limited_to_government_domains(databases):
    url = databases.seeded()
    app = make_app(url, ALLOWED_EMAIL_DOMAINS="rijksoverheid.nl,minbzk.nl")
    client = app.test_client()
    refused = register(client, email="iemand@gmail.com")
    assert "Registreren kan alleen met een e-mailadres van: rijksoverheid.nl, minbzk.nl" in (
        refused.get_data(as_text=True)
    )
    assert register(client, email="iemand@rijksoverheid.nl").status_code == 302
    databases.drop(url)


def test_one_account_per_email_address(client):
    register(client)
    client.post("/uitloggen", data=form_data(client.get("/")))
    again = register(client, name="Anna Twee", email="ANNA@minbzk.nl")
    assert "Er is al een account met dit e-mailadres" in again.get_data(as_text=True)


def test_sign_in_and_out(client, make_user):
    user = make_user("editor", name="Karel Koster")
    wrong = sign_in(client, user.email, "verkeerd wachtwoord")
    assert wrong.status_code == 422
    assert "Het e-mailadres of wachtwoord klopt niet." in wrong.get_data(as_text=True)
    response = sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert "Karel Koster" in client.get("/").get_data(as_text=True)
    sign_out = client.post(
        "/uitloggen", data={"csrf_token": form_data(client.get("/account"))["csrf_token"]}
    )
    assert sign_out.status_code == 302
    assert "Inloggen" in client.get("/").get_data(as_text=True)


def test_sign_in_returns_to_the_page_you_came_from_but_never_off_site(client, make_user):
    user = make_user()
    form = form_data(client.get("/inloggen"))
    fill(form, {"email": user.email, "password": PASSWORD})
    back = client.post("/inloggen?volgende=/dilemmas", data=form)
    assert back.headers["Location"] == "/dilemmas"
    client.post("/uitloggen", data={"csrf_token": form["csrf_token"]})
    form = form_data(client.get("/inloggen"))
    fill(form, {"email": user.email, "password": PASSWORD})
    away = client.post("/inloggen?volgende=https://kwaadwillend.example/", data=form)
    assert away.headers["Location"] == "/"


def test_session_cookies_are_httponly_and_samesite_lax(client, make_user):
    user = make_user()
    response = sign_in(client, user.email, PASSWORD, remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    remember = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session, remember):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # plain HTTP here; WIKI_SESSION_COOKIE_SECURE adds it


def test_cookies_are_secure_behind_tls(databases, make_user):
    url = databases.seeded()
    app = make_app(url, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    with app.app_context():
        from wiki.services import accounts

        accounts.register(name="Tls Test", email="tls@minbzk.nl", password=PASSWORD)
    response = sign_in(client, "tls@minbzk.nl", PASSWORD, remember=True)
    for cookie in response.headers.getlist("Set-Cookie"):
        assert "Secure" in cookie
    databases.drop(url)


def test_too_many_failed_sign_ins_are_refused_in_dutch(client, make_user):
    user = make_user()
    for _ in range(5):
        assert sign_in(client, user.email, "fout fout fout").status_code == 422
    blocked = sign_in(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen om in te loggen" in blocked.get_data(as_text=True)
    other = make_user()
    assert sign_in(client, other.email, PASSWORD).status_code == 302, "other accounts still work"


def test_the_limit_holds_across_workers_with_shared_storage(databases, make_user):
    """Two app instances stand for two gunicorn workers sharing Redis."""
    url = databases.seeded()
    settings = {
        "RATELIMIT_STORAGE_URL": "redis://127.0.0.1:6379",
        "SIGNIN_LIMIT_ACCOUNT": "4/15 minutes",
    }
    workers = [make_app(url, **settings), make_app(url, **settings)]
    # Each run uses its own e-mail address, so runs never share counts in Redis.
    email = f"{uuid.uuid4().hex[:10]}@minbzk.nl"
    with workers[0].app_context():
        from wiki.services import accounts

        accounts.register(name="Redis Test", email=email, password=PASSWORD)
    clients = [w.test_client() for w in workers]
    address = f"127.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    for client in clients:
        client.environ_base["REMOTE_ADDR"] = address  # per-address counts are shared too
    for attempt in range(4):
        assert sign_in(clients[attempt % 2], email, "fout fout fout").status_code == 422
    assert sign_in(clients[0], email, PASSWORD).status_code == 429
    assert sign_in(clients[1], email, PASSWORD).status_code == 429
    databases.drop(url)


def test_password_reset_by_mail_works_once(client, make_user, caplog):
    user = make_user()
    form = form_data(client.get("/wachtwoord-vergeten"))
    form["email"] = user.email
    with caplog.at_level(logging.INFO, logger="wiki.mail"):
        sent = client.post("/wachtwoord-vergeten", data=form)
    assert "Kijk in je mail" in text_of(sent)
    [record] = [r for r in caplog.records if r.name == "wiki.mail"]
    link = re.search(r"http://localhost(/wachtwoord-herstellen/\S+)", record.getMessage()).group(1)
    form = form_data(client.get(link))
    form["new"] = "mijn nieuwe wachtwoord"
    assert client.post(link, data=form).status_code == 302
    client.post("/uitloggen", data={"csrf_token": form["csrf_token"]})
    assert sign_in(client, user.email, "mijn nieuwe wachtwoord").status_code == 302
    again = client.post(link, data=form)
    assert again.status_code == 422
    assert "al gebruikt" in again.get_data(as_text=True)


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client, caplog):
    form = form_data(client.get("/wachtwoord-vergeten"))
    form["email"] = "niemand@minbzk.nl"
    with caplog.at_level(logging.INFO, logger="wiki.mail"):
        response = client.post("/wachtwoord-vergeten", data=form)
    assert "Kijk in je mail" in text_of(response)
    assert not [r for r in caplog.records if r.name == "wiki.mail"]


def test_an_expired_reset_link_is_refused(client, make_user, caplog, monkeypatch):
    from wiki.services import accounts

    user = make_user()
    form = form_data(client.get("/wachtwoord-vergeten"))
    form["email"] = user.email
    with caplog.at_level(logging.INFO, logger="wiki.mail"):
        client.post("/wachtwoord-vergeten", data=form)
    link = re.search(r"(/wachtwoord-herstellen/\S+)", caplog.records[-1].getMessage()).group(1)
    monkeypatch.setattr(accounts, "RESET_MAX_AGE", -1)
    form = form_data(client.get(link))
    form["new"] = "mijn nieuwe wachtwoord"
    response = client.post(link, data=form)
    assert "Deze link is verlopen" in response.get_data(as_text=True)


def test_change_password_needs_the_current_one(client, login_as):
    user = login_as()
    form = form_data(client.get("/account"))
    fill(form, {"current": "verkeerd", "new": "nog een wachtwoord"})
    wrong = client.post("/account/wachtwoord", data=form)
    assert "Je huidige wachtwoord klopt niet." in wrong.get_data(as_text=True)
    form["current"] = PASSWORD
    assert client.post("/account/wachtwoord", data=form).status_code == 302
    client.post("/uitloggen", data={"csrf_token": form["csrf_token"]})
    assert sign_in(client, user.email, "nog een wachtwoord").status_code == 302


def test_anonymous_reading_can_be_switched_off(databases):
    url = databases.seeded()
    client = make_app(url, ANONYMOUS_READ=False).test_client()
    response = client.get("/principes")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen?volgende=/principes")
    assert client.get("/inloggen").status_code == 200
    assert client.get("/api/v1/pages").status_code == 401
    assert client.get("/healthz").status_code == 200
    databases.drop(url)
