"""Editing in the browser's HTML: forms, validation, merges, conflicts, history, revert."""

import re
from xml.etree import ElementTree

import pytest
from conftest import form_data
from sqlalchemy import func, select
from test_web_pages import text_of

from wiki.extensions import db
from wiki.models import Revision

WERKVORM = "/werkvormen/model-van-de-ambtenaar"


@pytest.fixture(autouse=True)
def editor(login_as):
    """Every test here edits as a signed-in employee."""
    return login_as("editor", name="Eva Editor")


def open_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response)


def revision_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Revision.id)))


def test_editing_group_size_programme_and_text_shows_all_three_in_the_diff(client, app):
    form = open_form(client, f"{WERKVORM}/bewerken")
    assert form["group_size-max"] == "25"
    assert form["programme-1-title"] == "Starter" and form["programme-1-minutes"] == "10"
    form["group_size-max"] = "30"
    form["programme-1-minutes"] = "15"
    form["body"] += "\nWe sluiten af met een kop koffie.\n"
    form["summary"] = "Grotere groep, langere starter"
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    assert response.status_code == 302
    assert "Je wijziging is opgeslagen." in text_of(client.get(WERKVORM))
    shown = text_of(client.get(WERKVORM))
    assert "hoogstens 30 deelnemers" in shown

    diff = client.get(f"{WERKVORM}/verschil")
    page = diff.get_data(as_text=True)
    shown = text_of(diff)
    assert "Aantal deelnemers" in shown and "Programma" in shown and "Tekst" in shown
    assert '<del><span class="visually-hidden">[verwijderd: </span>25' in page
    assert '<ins><span class="visually-hidden">[toegevoegd: </span>30' in page
    assert "Starter (15 min)" in shown and "Starter (10 min)" in shown
    assert "kop koffie" in shown
    side = client.get(f"{WERKVORM}/verschil?weergave=naast")
    assert 'class="diff-side"' in side.get_data(as_text=True)


def test_reverting_restores_text_and_fields_as_a_new_revision(client, app):
    original = client.get("/api/v1/pages/model-van-de-ambtenaar").json
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["group_size-max"] = "30"
    form["programme-1-minutes"] = "15"
    form["body"] += "\nExtra zin.\n"
    client.post(f"{WERKVORM}/bewerken", data=form)
    confirm = client.get(f"{WERKVORM}/terugzetten?revision={original['revision_id']}")
    assert confirm.status_code == 200
    assert "Wat er verandert" in text_of(confirm)
    response = client.post(f"{WERKVORM}/terugzetten", data=form_data(confirm))
    assert response.status_code == 302
    now = client.get("/api/v1/pages/model-van-de-ambtenaar").json
    assert now["fields"] == original["fields"]
    assert now["markdown"] == original["markdown"]
    assert now["revision_id"] not in (original["revision_id"],)
    revisions = client.get("/api/v1/pages/model-van-de-ambtenaar/revisions").json
    assert revisions["total"] == 3
    assert (
        revisions["revisions"][0]["summary"] == f"Teruggezet naar versie {original['revision_id']}"
    )


def test_invalid_values_get_dutch_messages_next_to_the_field_and_keep_the_input(client, app):
    before = revision_count(app)
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["title"] = ""
    form["group_size-min"] = "40"
    form["programme-1-minutes"] = "tien"
    form["body"] = "Mijn nieuwe tekst die niet verloren mag gaan."
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Geef de pagina een titel." in page
    assert "De kleinste waarde is groter dan de grootste." in page
    assert "Onderdeel 2: Vul een heel getal in." in page
    assert 'aria-describedby="title-fout" aria-invalid="true"' in page
    kept = form_data(response)
    assert kept["body"] == "Mijn nieuwe tekst die niet verloren mag gaan."
    assert kept["programme-1-minutes"] == "tien"
    assert kept["group_size-min"] == "40"
    assert revision_count(app) == before


def test_a_forged_request_without_csrf_token_is_refused_and_changes_nothing(client, app):
    before = revision_count(app)
    form = open_form(client, f"{WERKVORM}/bewerken")
    del form["csrf_token"]
    form["body"] = "Vervalst"
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    assert response.status_code == 400
    assert "Je verzoek klopt niet" in response.get_data(as_text=True)
    form["csrf_token"] = "verkeerd"
    assert client.post(f"{WERKVORM}/bewerken", data=form).status_code == 400
    assert revision_count(app) == before


def test_preview_shows_the_rendered_text_and_saves_nothing(client, app):
    before = revision_count(app)
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["body"] = "Zie **vet** en [[Werken vanuit vertrouwen]]."
    form["action"] = "preview"
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    page = response.get_data(as_text=True)
    assert "<strong>vet</strong>" in page
    assert 'href="/principes/werken-vanuit-vertrouwen"' in page
    assert revision_count(app) == before


def test_adding_a_programme_row_keeps_the_form_and_saves_nothing(client, app):
    form = open_form(client, f"{WERKVORM}/bewerken")
    rows = len([k for k in form if k.startswith("programme-") and k.endswith("-title")])
    last = rows - 1
    form[f"programme-{last}-title"] = "Koffie"
    form[f"programme-{last}-minutes"] = "10"
    form["action"] = "add-row"
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    again = form_data(response)
    assert again[f"programme-{last}-title"] == "Koffie"
    assert f"programme-{rows}-title" in again
    assert client.post(f"{WERKVORM}/bewerken", data=again).status_code == 302
    steps = client.get("/api/v1/pages/model-van-de-ambtenaar").json["fields"]["programme"]
    assert {"title": "Koffie", "minutes": 10, "variant": None, "description": ""} in steps


def test_two_editors_on_different_parts_are_merged(client, app):
    first, second = (
        open_form(client, f"{WERKVORM}/bewerken"),
        open_form(client, f"{WERKVORM}/bewerken"),
    )
    first["group_size-max"] = "30"
    assert client.post(f"{WERKVORM}/bewerken", data=first).status_code == 302
    second["body"] = second["body"] + "\nAanvulling van de tweede bewerker.\n"
    response = client.post(f"{WERKVORM}/bewerken", data=second, follow_redirects=True)
    assert "beide wijzigingen zijn samengevoegd" in text_of(response)
    page = client.get("/api/v1/pages/model-van-de-ambtenaar").json
    assert page["fields"]["group_size"]["max"] == 30
    assert "Aanvulling van de tweede bewerker." in page["markdown"]


def test_overlapping_edits_show_a_conflict_and_keep_the_second_persons_text(client, app):
    first, second = (
        open_form(client, f"{WERKVORM}/bewerken"),
        open_form(client, f"{WERKVORM}/bewerken"),
    )
    first["tagline"] = "Versie van de eerste"
    client.post(f"{WERKVORM}/bewerken", data=first)
    second["tagline"] = "Versie van de tweede"
    response = client.post(f"{WERKVORM}/bewerken", data=second)
    assert response.status_code == 409
    shown = text_of(response)
    assert "Iemand anders was je voor" in shown
    assert "Zo staat het nu op de pagina" in shown
    assert "Centrale vraag: Versie van de eerste" in shown
    kept = form_data(response)
    assert kept["tagline"] == "Versie van de tweede"
    assert kept["base_revision"] != second["base_revision"]
    # Saving again after looking at both versions is accepted.
    assert client.post(f"{WERKVORM}/bewerken", data=kept).status_code == 302
    assert client.get("/api/v1/pages/model-van-de-ambtenaar").json["fields"]["tagline"] == (
        "Versie van de tweede"
    )


def test_a_new_page_gets_a_slug_from_its_dutch_title(client):
    choose = client.get("/nieuw?titel=Casuïstiek in het MT")
    assert "Wat voor pagina wordt het?" in text_of(choose)
    form = open_form(client, "/nieuw?soort=dilemma&titel=Casuïstiek in het MT")
    assert form["title"] == "Casuïstiek in het MT"
    form.setlist("principles", ["werken-vanuit-legitimiteit", "werken-vanuit-opgave-bestaat-niet"])
    response = client.post("/nieuw", data=form)
    assert response.status_code == 422
    assert "Onbekend principe: werken-vanuit-opgave-bestaat-niet." in response.get_data(
        as_text=True
    )
    form.setlist("principles", ["werken-vanuit-legitimiteit"])
    form["situation"] = "Het MT besluit iets wat niet mag."
    response = client.post("/nieuw", data=form)
    assert response.headers["Location"] == "/dilemmas/casuistiek-in-het-mt"
    again = client.post("/nieuw", data=form)
    assert "Er bestaat al een pagina met deze titel." in again.get_data(as_text=True)


def test_a_renamed_page_keeps_its_old_address_as_a_redirect(client, make_page):
    slug = make_page(title="Oude naam")
    linking = make_page(title="Verwijzer", body="Zie [[Oude naam]].")
    form = open_form(client, f"/dilemmas/{slug}/bewerken")
    form["title"] = "Nieuwe naam"
    client.post(f"/dilemmas/{slug}/bewerken", data=form)
    response = client.get("/dilemmas/oude-naam")
    assert response.status_code == 301
    assert response.headers["Location"] == "/dilemmas/nieuwe-naam"
    assert client.get("/dilemmas/oude-naam/geschiedenis").headers["Location"] == (
        "/dilemmas/nieuwe-naam/geschiedenis"
    )
    assert 'href="/dilemmas/nieuwe-naam"' in client.get(f"/dilemmas/{linking}").get_data(
        as_text=True
    )
    assert "Verwijzer" in text_of(client.get("/dilemmas/nieuwe-naam"))


def test_a_link_to_a_missing_page_offers_to_create_it_and_turns_into_a_link(client, make_page):
    slug = make_page(title="Wijzer", body="Zie [[Nog te schrijven]].")
    page = client.get(f"/dilemmas/{slug}").get_data(as_text=True)
    assert 'class="wikilink wikilink--missing" href="/nieuw?titel=Nog+te+schrijven"' in page
    make_page(title="Nog te schrijven")
    page = client.get(f"/dilemmas/{slug}").get_data(as_text=True)
    assert 'class="wikilink" href="/dilemmas/nog-te-schrijven"' in page
    target = text_of(client.get("/dilemmas/nog-te-schrijven"))
    assert "Pagina's die hiernaar verwijzen" in target and "Wijzer" in target


def test_an_old_revision_is_shown_as_it_was_with_a_notice(client, make_page):
    slug = make_page(title="Veranderlijk", body="Eerste tekst.\n")
    first = client.get(f"/api/v1/pages/{slug}").json["revision_id"]
    form = open_form(client, f"/dilemmas/{slug}/bewerken")
    form["body"] = "Tweede tekst.\n"
    client.post(f"/dilemmas/{slug}/bewerken", data=form)
    old = text_of(client.get(f"/dilemmas/{slug}?revisie={first}"))
    assert "Eerste tekst." in old and "Tweede tekst." not in old
    assert "Je bekijkt een oude versie" in old
    assert client.get(f"/dilemmas/{slug}?revisie=999999").status_code == 404
    assert client.get(f"/dilemmas/{slug}?revisie=abc").status_code == 404


def test_history_lists_who_when_summary_and_size_change(client):
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["body"] += "\nNog tien tekens.\n"
    form["summary"] = "Zin toegevoegd"
    client.post(f"{WERKVORM}/bewerken", data=form)
    response = client.get(f"{WERKVORM}/geschiedenis")
    shown = text_of(response)
    assert "2 versies" in shown
    assert "Zin toegevoegd" in shown and "Eva Editor" in shown
    assert re.search(r"\+18 tekens", shown)
    assert "AV-wiki (startinhoud)" in shown
    assert client.get(f"{WERKVORM}/geschiedenis?pagina=nul").status_code == 400


def test_recent_changes_and_feed_show_edits_and_filter_by_kind(client, make_page):
    slug = make_page(title="Vers dilemma")
    form = open_form(client, f"/dilemmas/{slug}/bewerken")
    form["body"] = "Beter.\n"
    form["summary"] = "Tekst verbeterd"
    client.post(f"/dilemmas/{slug}/bewerken", data=form)
    page = client.get("/recente-wijzigingen").get_data(as_text=True)
    newest = page.split('<ul class="changes">')[1].split("</li>")[0]
    assert "Vers dilemma" in newest and "Tekst verbeterd" in newest and "verschil" in newest
    # The Dutch words of the menus, and the old English code names, both filter.
    assert "Vers dilemma" not in text_of(client.get("/recente-wijzigingen?soort=werkvorm"))
    assert "Vers dilemma" not in text_of(client.get("/recente-wijzigingen?soort=method"))
    assert "Vers dilemma" in text_of(client.get("/recente-wijzigingen?soort=dilemma"))
    filtered = client.get("/recente-wijzigingen?soort=werkvorm").text
    assert '<option value="werkvorm" selected>' in filtered
    assert 'href="/recente-wijzigingen/atom?soort=werkvorm"' in filtered
    feed = client.get("/recente-wijzigingen/atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles[0] == "Vers dilemma: Tekst verbeterd"


def test_a_body_over_the_limit_is_refused_in_dutch_and_kept(client, app):
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["body"] = "woord " * 20_000
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    assert response.status_code == 422
    assert "De tekst is te lang: hoogstens 100.000 tekens, nu 120.000." in text_of(response)
    assert form_data(response)["body"] == form["body"]


def test_a_request_over_the_size_limit_gets_a_dutch_413(client):
    form = open_form(client, f"{WERKVORM}/bewerken")
    form["body"] = "x" * (2 * 1024 * 1024)
    response = client.post(f"{WERKVORM}/bewerken", data=form)
    assert response.status_code == 413
    assert "Wat je stuurde is te groot" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/dilemmas/bestaat-niet/bewerken", "/gids/nergens/geschiedenis"])
def test_editing_or_history_of_an_unknown_page_is_a_dutch_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "bestaat niet" in response.get_data(as_text=True)


def test_the_live_preview_renders_sanitised_html_and_needs_the_csrf_token(client):
    form = open_form(client, f"{WERKVORM}/bewerken")
    text = "Zie [[Werken vanuit vertrouwen]] <script>alert(1)</script> **vet**"
    response = client.post("/voorbeeld", data={"body": text, "csrf_token": form["csrf_token"]})
    html = response.get_data(as_text=True)
    assert '<a class="wikilink" href="/principes/werken-vanuit-vertrouwen"' in html
    assert "<strong>vet</strong>" in html and "<script" not in html
    assert client.post("/voorbeeld", data={"body": text}).status_code == 400


def test_a_new_page_gets_a_transliterated_slug(client, make_page):
    """Letters that do not decompose are transliterated, not dropped (python-slugify)."""
    slug = make_page(kind="guide", title="Ørsted en Æsop", fields={})
    assert slug == "orsted-en-aesop"
    assert client.get("/gids/orsted-en-aesop").status_code == 200
    assert make_page(kind="guide", title="Dansende Dilemma's in de Straße", fields={}) == (
        "dansende-dilemmas-in-de-strasse"
    )


def test_a_diff_names_principles_by_their_titles_not_their_slugs(client):
    url = "/dilemmas/een-journalist-belt"
    form = open_form(client, f"{url}/bewerken")
    chosen = form.getlist("principles")
    assert "werken-vanuit-vertrouwen" in chosen
    form.setlist("principles", [p for p in chosen if p != "werken-vanuit-vertrouwen"])
    form.add("principles", "werken-vanuit-de-opgave")
    assert client.post(f"{url}/bewerken", data=form).status_code == 302
    diff = client.get(f"{url}/verschil")
    page, shown = diff.get_data(as_text=True), text_of(diff)
    assert "[verwijderd: </span>Werken vanuit vertrouwen" in page
    assert "[toegevoegd: </span>Werken vanuit de opgave" in page
    assert "werken-vanuit-vertrouwen" not in shown and "werken-vanuit-de-opgave" not in shown


@pytest.mark.parametrize(
    ("word", "heading"),
    [
        ("ervaring", "Deel een ervaring"),
        ("experience", "Deel een ervaring"),
        ("werkvorm", "Nieuwe werkvorm"),
        ("method", "Nieuwe werkvorm"),
    ],
)
def test_the_new_page_form_takes_dutch_kind_words_and_old_code_names(client, word, heading):
    page = client.get(f"/nieuw?soort={word}")
    assert f"<h1>{heading}</h1>" in page.text
    assert (
        '<input type="hidden" name="soort" value="'
        + word.replace("experience", "ervaring").replace("method", "werkvorm")
        + '">'
        in page.text
    )


def test_links_to_share_a_contribution_use_the_dutch_word(client):
    assert 'href="/nieuw?soort=ervaring"' in client.get("/ervaringen").text
    assert 'href="/nieuw?soort=dilemma"' in client.get("/dilemmas").text
    assert 'value="gidspagina"' in client.get("/nieuw").text
