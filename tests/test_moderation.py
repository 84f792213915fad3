"""Moderators curate: suggestions, hiding, blocks, rollback, reports, audit log."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from conftest import PASSWORD, form_data, make_app, sign_in, with_second_factor
from test_web_pages import text_of

from wiki.extensions import db
from wiki.models import AuditEntry, User
from wiki.services import accounts, pages

PRINCIPLE = "/principes/werken-vanuit-vertrouwen"
GUIDE = "/gids/stap-1-voorbereiden"


def post_form(client, url, action=None, **values):
    """Open the form at url, fill it like a person, and submit it (to action, if given)."""
    form = form_data(client.get(url))
    for name, value in values.items():
        form[name] = value
    return client.post(action or url, data=form)


def audit_actions(app) -> list[str]:
    with app.app_context():
        return [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]


def edit_as(app, user, slug, text):
    """Append text to a page's body through the service, as user."""
    with app.app_context():
        page = pages.get_page(slug)
        current = page.current_revision
        return pages.save_revision(
            page,
            base_id=current.id,
            title=current.title,
            body=current.body + text,
            fields=current.fields,
            tags=current.tags,
            summary=text[:40],
            actor=db.session.get(User, user.id),
        )


def test_an_editors_change_to_a_principle_waits_for_a_moderator(app, client, make_user):
    editor = make_user("editor", name="Eline Editor")
    moderator = make_user("moderator", name="Mo Moderator")
    before = client.get("/api/v1/pages/werken-vanuit-vertrouwen").json
    sign_in(client, editor)
    edit = client.get(f"{PRINCIPLE}/bewerken")
    assert "Je wijziging wordt een <strong>voorstel</strong>" in edit.get_data(as_text=True)
    form = form_data(edit)
    form["body"] = form["body"] + "\nEen aanvulling van Eline.\n"
    form["summary"] = "Voorbeeld toegevoegd"
    response = client.post(f"{PRINCIPLE}/bewerken", data=form, follow_redirects=True)
    assert "Je wijziging is opgeslagen als voorstel" in text_of(response)
    assert (
        client.get("/api/v1/pages/werken-vanuit-vertrouwen").json["revision_id"]
        == before["revision_id"]
    )
    assert "Een aanvulling van Eline." not in text_of(client.get(PRINCIPLE))

    sign_in(client, moderator)
    queue = text_of(client.get("/moderatie"))
    assert "Voorstel voor Werken vanuit vertrouwen van Eline Editor" in queue
    suggestion_url = response.request.path
    review = client.get(suggestion_url)
    assert "Een aanvulling van Eline." in text_of(review)
    form = form_data(review)
    form["besluit"] = "overnemen"
    assert client.post(suggestion_url, data=form).status_code == 302

    after = client.get("/api/v1/pages/werken-vanuit-vertrouwen").json
    assert "Een aanvulling van Eline." in after["markdown"]
    newest = client.get("/api/v1/pages/werken-vanuit-vertrouwen/revisions").json["revisions"][0]
    assert newest["author"] == "Eline Editor"
    log = text_of(client.get("/moderatie/logboek"))
    assert "Mo Moderator voorstel overgenomen" in log


def test_a_rejected_suggestion_tells_its_author_why(app, client, make_user):
    editor, moderator = make_user("editor"), make_user("moderator")
    result = edit_as(app, editor, "werken-vanuit-vertrouwen", "\nOnzin.\n")
    url = f"/voorstellen/{result.suggestion.id}"
    sign_in(client, moderator)
    missing_reason = post_form(client, url, besluit="afwijzen", reason="")
    assert missing_reason.status_code == 422
    assert "Geef een reden" in text_of(missing_reason)
    post_form(client, url, besluit="afwijzen", reason="Dit staat al in de gids.")
    sign_in(client, editor)
    assert "afgewezen: Dit staat al in de gids." in text_of(client.get("/account"))
    assert "Onzin." not in client.get("/api/v1/pages/werken-vanuit-vertrouwen").json["markdown"]
    other = make_user("editor")
    sign_in(client, other)
    assert client.get(url).status_code == 403


def test_api_write_to_a_protected_page_by_an_editor_is_202_with_the_suggestion(api_as, app):
    api = api_as("editor")
    page = api.get("/api/v1/pages/werken-vanuit-vertrouwen").json
    response = api.patch(
        "/api/v1/pages/werken-vanuit-vertrouwen",
        json={"base_revision": page["revision_id"], "markdown": "Anders"},
    )
    assert response.status_code == 202
    assert response.json["suggestion_id"] > 0
    assert response.json["url"].endswith(f"/voorstellen/{response.json['suggestion_id']}")
    assert api.get("/api/v1/pages/werken-vanuit-vertrouwen").json["markdown"] == page["markdown"]
    moderator = api_as("moderator")
    direct = moderator.patch(
        "/api/v1/pages/werken-vanuit-vertrouwen",
        json={"base_revision": page["revision_id"], "markdown": "Door een moderator"},
    )
    assert direct.status_code == 200 and direct.json["markdown"] == "Door een moderator"


def test_hidden_revision_text_is_for_moderators_only(app, client, make_user, api_as):
    vandal, moderator = make_user("editor", name="Vandaal"), make_user("moderator")
    bad = edit_as(app, vandal, "stap-1-voorbereiden", "\nPersoonlijke gegevens van iemand.\n")
    edit_as(app, vandal, "stap-1-voorbereiden", "\nNog een regel.\n")
    hidden_id = bad.revision.id
    sign_in(client, moderator)
    current = client.get("/api/v1/pages/stap-1-voorbereiden").json["revision_id"]
    refused = post_form(client, f"{GUIDE}/versies/{current}/verbergen", reason="Privacy")
    assert "De huidige versie kun je niet verbergen" in text_of(refused)
    post_form(client, f"{GUIDE}/versies/{hidden_id}/verbergen", reason="Privacy")
    assert client.get(f"{GUIDE}?revisie={hidden_id}").status_code == 200

    editor = make_user("editor")
    sign_in(client, editor)
    history = text_of(client.get(f"{GUIDE}/geschiedenis"))
    assert "tekst verborgen" in history
    for url in (f"{GUIDE}?revisie={hidden_id}", f"{GUIDE}/verschil?naar={hidden_id}"):
        response = client.get(url)
        assert response.status_code == 403
        assert "verborgen door een moderator" in text_of(response)
    api = api_as("editor")
    assert api.get(f"/api/v1/pages/stap-1-voorbereiden/revisions/{hidden_id}").status_code == 403
    sign_in(client, moderator)
    assert "tekst van versie verborgen" in text_of(client.get("/moderatie/logboek"))


def test_a_hidden_page_disappears_for_everyone_but_moderators(app, client, make_user):
    moderator = make_user("moderator")
    sign_in(client, moderator)
    post_form(client, f"{GUIDE}/verbergen", reason="Verouderd")
    assert client.get(GUIDE).status_code == 200
    assert "Deze pagina is verborgen" in text_of(client.get(GUIDE))
    anonymous = app.test_client()
    assert anonymous.get(GUIDE).status_code == 404
    assert anonymous.get("/api/v1/pages/stap-1-voorbereiden").status_code == 404
    assert "stap-1-voorbereiden" not in {
        p["slug"] for p in anonymous.get("/api/v1/pages").json["pages"]
    }
    assert "Stap 1: Voorbereiden" not in text_of(anonymous.get("/gids"))
    post_form(client, f"{GUIDE}/terugplaatsen", reason="Toch nodig")
    assert anonymous.get(GUIDE).status_code == 200
    assert audit_actions(app)[-2:] == ["page.hide", "page.restore"]


def test_a_blocked_user_cannot_write_and_sees_why(app, client, make_user, token_for):
    editor, moderator = make_user("editor", name="Bert Blok"), make_user("moderator")
    token = token_for(editor)
    sign_in(client, moderator)
    until = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    person = f"/beheer/gebruikers/{editor.username}"
    post_form(client, person, f"{person}/blokkeren", until=until, reason="Herhaald vandalisme")
    sign_in(client, editor)
    refused = client.get(f"{GUIDE}/bewerken")
    assert refused.status_code == 403
    assert "Je bent geblokkeerd tot" in text_of(refused) and "Herhaald vandalisme" in text_of(
        refused
    )
    api = app.test_client()
    page = api.get("/api/v1/pages/stap-1-voorbereiden").json
    response = api.patch(
        "/api/v1/pages/stap-1-voorbereiden",
        json={"base_revision": page["revision_id"], "markdown": "Vandalisme"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert api.get("/api/v1/pages/stap-1-voorbereiden").json["revision_id"] == page["revision_id"]
    sign_in(client, moderator)
    post_form(client, person, f"{person}/deblokkeren")
    assert audit_actions(app)[-2:] == ["user.block", "user.unblock"]


def test_rollback_undoes_all_consecutive_edits_of_one_person(app, client, make_user):
    vandal, moderator = make_user("editor", name="Vera Vandaal"), make_user("moderator")
    before = client.get("/api/v1/pages/stap-1-voorbereiden").json
    for text in ("\nRommel 1\n", "\nRommel 2\n", "\nRommel 3\n"):
        edit_as(app, vandal, "stap-1-voorbereiden", text)
    sign_in(client, moderator)
    history = client.get(f"{GUIDE}/geschiedenis").get_data(as_text=True)
    assert "alles van Vera Vandaal terugdraaien" in history
    response = post_form(client, f"{GUIDE}/terugdraaien/{vandal.username}", reason="Vandalisme")
    assert response.status_code == 302
    after = client.get("/api/v1/pages/stap-1-voorbereiden").json
    assert after["markdown"] == before["markdown"]
    assert after["revision_id"] != before["revision_id"]
    assert audit_actions(app)[-1] == "rollback"


def test_a_report_reaches_the_queue_and_can_be_closed(app, client, make_user):
    reporter, moderator = make_user("editor", name="Rita Reporter"), make_user("moderator")
    sign_in(client, reporter)
    empty = post_form(client, f"{GUIDE}/melden", reason="")
    assert empty.status_code == 422
    post_form(client, f"{GUIDE}/melden", reason="Hier staat een fout in stap 1.")
    sign_in(client, moderator)
    queue = text_of(client.get("/moderatie"))
    assert "gemeld door Rita Reporter: Hier staat een fout in stap 1." in queue
    form = form_data(client.get("/moderatie"))
    close_url = (
        client.get("/moderatie").get_data(as_text=True).split('action="/moderatie/meldingen/')[1]
    )
    report_id = close_url.split("/")[0]
    client.post(
        f"/moderatie/meldingen/{report_id}/afhandelen", data={"csrf_token": form["csrf_token"]}
    )
    assert "Geen open meldingen." in text_of(client.get("/moderatie"))


@pytest.mark.parametrize("mode", ["publish", "hold"])
def test_new_contributions_are_listed_for_review_or_held(databases, make_user, mode):
    url = databases.seeded()
    app = make_app(url, NEW_CONTRIBUTIONS=mode)
    with app.app_context():
        author = User(
            username="schrijver",
            display_name="Schrijver",
            email="s@minbzk.nl",
            password_hash="x",
            role="editor",
        )
        db.session.add(author)
        db.session.commit()
        pages.create_page(
            "dilemma",
            title="Nieuw dilemma",
            fields={"principles": ["werken-vanuit-vertrouwen"]},
            actor=author,
        )
        moderator = User(
            username="mod",
            display_name="Mod",
            email="m@minbzk.nl",
            password_hash="x",
            role="moderator",
        )
        db.session.add(moderator)
        db.session.commit()
        author_id, moderator_id = author.id, moderator.id
    reader = app.test_client()
    visible = reader.get("/dilemmas/nieuw-dilemma").status_code == 200
    assert visible == (mode == "publish")
    own = app.test_client()
    sign_in(own, db_user(app, author_id))
    assert own.get("/dilemmas/nieuw-dilemma").status_code == 200
    mod = app.test_client()
    sign_in(mod, with_second_factor(app, db_user(app, moderator_id)))
    assert "Nieuw dilemma" in text_of(mod.get("/moderatie"))
    form = form_data(mod.get("/moderatie"))
    mod.post("/dilemmas/nieuw-dilemma/gecontroleerd", data={"csrf_token": form["csrf_token"]})
    assert reader.get("/dilemmas/nieuw-dilemma").status_code == 200
    assert "Geen nieuwe bijdragen." in text_of(mod.get("/moderatie"))
    databases.drop(url)


def db_user(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def test_the_audit_log_exports_as_csv_with_who_what_and_why(app, client, make_user):
    moderator = make_user("moderator", name="Moniek")
    sign_in(client, moderator)
    post_form(client, f"{GUIDE}/beschermen", reason="Officiële tekst")
    response = client.get("/moderatie/logboek.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["id", "tijdstip", "wie", "actie", "onderwerp", "reden", "details"]
    assert rows[-1][2:6] == [
        "Moniek",
        "page.protect",
        "pagina stap-1-voorbereiden",
        "Officiële tekst",
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", rows[-1][1])
    # Details are JSON, which any program reads (not a Python dict's repr).
    with app.app_context():
        accounts.set_role(None, db.session.get(User, moderator.id), "admin", reason="test")
    rows = list(csv.reader(io.StringIO(client.get("/moderatie/logboek.csv").text)))
    assert rows[-1][3] == "user.role"
    assert json.loads(rows[-1][6]) == {"old": "moderator", "new": "admin"}


def test_the_audit_log_names_pages_by_their_titles(client, make_user):
    sign_in(client, make_user("moderator", name="Moniek"))
    post_form(client, f"{GUIDE}/beschermen", reason="Officiële tekst")
    page = client.get("/moderatie/logboek").get_data(as_text=True)
    assert 'pagina <a href="/gids/stap-1-voorbereiden">Stap 1: Voorbereiden</a>' in page
    assert "pagina stap-1-voorbereiden" not in page


def test_deleting_an_account_keeps_the_edits_as_former_employee(app, client, make_user):
    editor = make_user("editor", name="Dirk Doorgaan", email="dirk@minbzk.nl")
    edit_as(app, editor, "stap-1-voorbereiden", "\nDirks bijdrage.\n")
    sign_in(client, editor)
    wrong = post_form(client, "/account/verwijderen", password="fout")
    assert "Je wachtwoord klopt niet." in text_of(wrong)
    post_form(client, "/account/verwijderen", password=PASSWORD)
    history = text_of(client.get(f"{GUIDE}/geschiedenis"))
    assert "Voormalig medewerker" in history and "Dirk Doorgaan" not in history
    assert "Dirks bijdrage." in client.get("/api/v1/pages/stap-1-voorbereiden").json["markdown"]
    with app.app_context():
        assert db.session.query(User).filter_by(email="dirk@minbzk.nl").count() == 0


def test_email_addresses_are_never_shown_to_other_users(app, client, make_user):
    editor = make_user("editor", name="Petra Privé", email="petra.prive@minbzk.nl")
    edit_as(app, editor, "stap-1-voorbereiden", "\nPetra was hier.\n")
    reader = make_user("editor")
    sign_in(client, reader)
    for url in (
        GUIDE,
        f"{GUIDE}/geschiedenis",
        "/recente-wijzigingen",
        f"/gebruikers/{editor.username}/bijdragen",
        "/api/v1/pages/stap-1-voorbereiden",
        "/api/v1/pages/stap-1-voorbereiden/revisions",
        "/recente-wijzigingen/atom",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "petra.prive@minbzk.nl" not in response.get_data(as_text=True), url


def test_my_data_shows_and_exports_what_is_kept(client, login_as):
    user = login_as("editor", name="Inge Inzage", email="inge@minbzk.nl")
    response = client.get("/account")
    page = text_of(response)
    assert "Inge Inzage" in page and "inge@minbzk.nl" in page
    # In Dutch, as people read them: the role's name and the date in words.
    assert "Rol medewerker" in page and "Rol editor" not in page
    created = re.search(r'aangemaakt</dt><dd><time datetime="([^"]+)">([^<]+)<', response.text)
    assert created and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", created[1])
    assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}, \d\d:\d\d", created[2]), created[2]
    data = client.get("/account/gegevens.json").json
    assert data["e-mail"] == "inge@minbzk.nl" and data["rol"] == "medewerker"
    assert user.username == data["gebruikersnaam"]


@pytest.mark.parametrize(
    "target",
    [
        "https://kwaadwillend.example/",
        "//kwaadwillend.example/",
        "/\\kwaadwillend.example/",
        "\\\\kwaadwillend.example/",
        "/\t/kwaadwillend.example/",
        "javascript:alert(1)",
    ],
)
def test_marking_as_reviewed_never_sends_you_off_site(app, client, make_user, target):
    moderator, editor = make_user("moderator"), make_user("editor")
    revision = edit_as(app, editor, "stap-1-voorbereiden", "\nNieuw.\n").revision
    sign_in(client, moderator)
    token = form_data(client.get("/account"))["csrf_token"]
    patrol = f"{GUIDE}/versies/{revision.id}/gecontroleerd"
    away = client.post(patrol, data={"csrf_token": token, "terug": target})
    assert away.status_code == 302
    assert away.headers["Location"] == GUIDE


def test_marking_as_reviewed_returns_to_the_queue_it_came_from(app, client, make_user):
    """Negative control: a path on this site is followed."""
    moderator, editor = make_user("moderator"), make_user("editor")
    revision = edit_as(app, editor, "stap-1-voorbereiden", "\nNieuw.\n").revision
    sign_in(client, moderator)
    token = form_data(client.get("/account"))["csrf_token"]
    patrol = f"{GUIDE}/versies/{revision.id}/gecontroleerd"
    back = client.post(patrol, data={"csrf_token": token, "terug": "/moderatie?soort=x"})
    assert back.headers["Location"] == "/moderatie?soort=x"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_audit_csv_never_starts_a_cell_with_a_formula(app, client, make_user, start):
    sign_in(client, make_user("moderator", name="Moniek"))
    formula = f'{start}HYPERLINK("https://kwaadwillend.example","klik")'
    post_form(client, f"{GUIDE}/beschermen", reason=formula)
    post_form(client, f"{GUIDE}/bescherming-opheffen", reason="Gewoon - een reden")
    csv_text = client.get("/moderatie/logboek.csv").get_data(as_text=True)
    reasons = [row[5] for row in csv.reader(io.StringIO(csv_text))][1:]
    # A spreadsheet shows a cell that starts with ' as text and hides the quote.
    assert reasons[-2] == "'" + formula
    assert reasons[-1] == "Gewoon - een reden", "text without a risky start stays as it was"


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_the_audit_csv_defuses_cells_starting_with_a_tab_or_carriage_return(
    app, client, make_user, start
):
    """Forms strip these, so the entry is written through the service, as the CLI could."""
    from wiki.services import audit

    sign_in(client, make_user("moderator"))
    with app.app_context():
        audit.record(None, "user.role", f"{start}=1+1", "reden")
        db.session.commit()
    csv_text = client.get("/moderatie/logboek.csv").get_data(as_text=True)
    last = list(csv.reader(io.StringIO(csv_text)))[-1]
    assert last[4] == f"'{start}=1+1"
