"""Contributing: anonymous dilemmas, perspectives, principle votes, tags and connections."""

import re

import pytest
from conftest import form_data, sign_in
from test_web_pages import text_of

PRINCIPLES = ["werken-vanuit-vertrouwen", "werken-vanuit-legitimiteit", "werken-vanuit-de-opgave"]


def contribute_dilemma(client, anonymous=True, **overrides):
    form = form_data(client.get("/nieuw?soort=dilemma"))
    values = {
        "title": "Een collega vraagt me iets te verzwijgen",
        "situation": "Een collega vraagt me een fout niet te melden.",
        "tension": "Loyaliteit aan mijn collega tegenover eerlijkheid naar buiten.",
        "question": "Wat zou jij doen?",
        "tags": "integriteit, melden",
        "anonymous": "ja" if anonymous else "nee",
        **overrides,
    }
    for name, value in values.items():
        form[name] = value
    form.setlist("principles", PRINCIPLES)
    return client.post("/nieuw", data=form)


def test_an_anonymous_dilemma_shows_up_everywhere_without_its_author(
    app, client, login_as, make_user
):
    author = login_as("editor", name="Geheime Gerda")
    response = contribute_dilemma(client)
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[1]
    reader = make_user("editor")
    sign_in(client, reader)
    for principle in PRINCIPLES:
        assert "Een collega vraagt me iets te verzwijgen" in text_of(
            client.get(f"/principes/{principle}")
        )
    for tag in ("integriteit", "melden"):
        assert "Een collega vraagt me iets te verzwijgen" in text_of(client.get(f"/labels/{tag}"))
    contributions = text_of(client.get(f"/gebruikers/{author.username}/bijdragen"))
    assert "Een collega vraagt me iets te verzwijgen" not in contributions
    urls = [
        f"/dilemmas/{slug}",
        f"/dilemmas/{slug}/geschiedenis",
        "/recente-wijzigingen",
        "/recente-wijzigingen/atom",
        f"/api/v1/pages/{slug}",
        f"/api/v1/pages/{slug}/revisions",
    ]
    for url in urls:
        body = client.get(url).get_data(as_text=True)
        assert "Geheime Gerda" not in body, url
        assert author.email not in body, url
    assert "Anoniem" in text_of(client.get(f"/dilemmas/{slug}/geschiedenis"))
    moderator = make_user("moderator")
    sign_in(client, moderator)
    assert "Geheime Gerda (anoniem gedeeld)" in text_of(
        client.get(f"/dilemmas/{slug}/geschiedenis")
    )


def test_the_contribution_form_says_plainly_what_is_kept(client, login_as):
    login_as()
    page = text_of(client.get("/nieuw?soort=dilemma"))
    assert "Deel een dilemma" in page
    assert "Alleen moderatoren kunnen dat zien" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Geef de pagina een titel."),
        ({"title": "<b>Vet</b>"}, "Een titel mag geen < of > bevatten."),
        ({"question": "x" * 400}, "Gebruik hoogstens 300 tekens"),
    ],
)
def test_bad_contributions_are_refused_in_dutch_and_keep_what_was_typed(
    client, login_as, overrides, message
):
    login_as()
    response = contribute_dilemma(client, **overrides)
    assert response.status_code == 422
    assert message in text_of(response)
    kept = form_data(response)
    assert kept["situation"] == "Een collega vraagt me een fout niet te melden."
    assert set(kept.getlist("principles")) == set(PRINCIPLES)


def test_an_unknown_principle_is_refused(api_as):
    api = api_as("editor")
    response = api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Onbekend",
            "fields": {"principles": ["werken-vanuit-plezier"]},
        },
    )
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "fields.principles", "detail": "Onbekend principe: werken-vanuit-plezier."}
    ]


def test_api_anonymous_dilemma_hides_the_author(api_as, client):
    api = api_as("editor", name="Api Anoniem")
    created = api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Via de API",
            "anonymous": True,
            "fields": {"principles": PRINCIPLES[:1]},
            "tags": ["api"],
        },
    )
    assert created.status_code == 201
    revisions = client.get("/api/v1/pages/via-de-api/revisions").json["revisions"]
    assert revisions[0]["author"] == "Anoniem"


def test_perspectives_are_grouped_by_principle(client, login_as, api_as):
    login_as("editor", name="Piet Perspectief")
    form = form_data(client.get("/dilemmas/tegenspraak-die-wordt-weggewoven"))
    empty = client.post(
        "/dilemmas/tegenspraak-die-wordt-weggewoven/perspectieven",
        data={
            "csrf_token": form["csrf_token"],
            "principle": "werken-vanuit-legitimiteit",
            "body": "",
        },
    )
    assert empty.status_code == 422 and "Schrijf op wat je zou doen" in text_of(empty)
    client.post(
        "/dilemmas/tegenspraak-die-wordt-weggewoven/perspectieven",
        data={
            "csrf_token": form["csrf_token"],
            "principle": "werken-vanuit-legitimiteit",
            "body": "Ik zou het opnieuw op tafel leggen, met de wet erbij.",
        },
    )
    api = api_as("editor")
    response = api.post(
        "/api/v1/pages/tegenspraak-die-wordt-weggewoven/perspectives",
        json={
            "principle": "werken-vanuit-vertrouwen",
            "text": "Ik ga eerst in gesprek.",
            "anonymous": True,
        },
    )
    assert response.status_code == 201 and response.json["author"] == "Anoniem"
    response = client.get("/dilemmas/tegenspraak-die-wordt-weggewoven")
    page = text_of(response)
    first, second = (
        response.text.index("<h3>Werken vanuit vertrouwen</h3>"),
        response.text.index("<h3>Werken vanuit legitimiteit</h3>"),
    )
    assert first < second, "groups follow the guide's order"
    assert "Vanuit werken vanuit" not in page
    assert "Ik zou het opnieuw op tafel leggen, met de wet erbij. — Piet Perspectief" in page
    assert "Ik ga eerst in gesprek. — Anoniem" in page
    principle = text_of(client.get("/principes/werken-vanuit-legitimiteit"))
    assert (
        "Met perspectieven vanuit dit principe" in principle
        and "Tegenspraak die wordt weggewoven" in principle
    )


def test_voting_twice_counts_once_and_the_chart_shows_numbers_as_text(client, login_as, api_as):
    url = "/dilemmas/tegenspraak-die-wordt-weggewoven"
    login_as()
    csrf = form_data(client.get(url))["csrf_token"]
    for choice in (PRINCIPLES, ["werken-vanuit-vertrouwen"]):
        client.post(f"{url}/stemmen", data={"csrf_token": csrf, "principles": choice})
    too_many = client.post(
        f"{url}/stemmen",
        data={
            "csrf_token": csrf,
            "principles": [
                "werken-vanuit-vertrouwen",
                "werken-vanuit-dienstbaarheid",
                "werken-vanuit-legitimiteit",
                "werken-vanuit-de-opgave",
                "werken-vanuit-verantwoording",
            ],
        },
        follow_redirects=True,
    )
    assert "Kies hoogstens 4 principes." in text_of(too_many)
    other = api_as("editor")
    put = other.put(
        "/api/v1/pages/tegenspraak-die-wordt-weggewoven/votes",
        json={"principles": ["werken-vanuit-vertrouwen", "werken-vanuit-de-opgave"]},
    )
    assert put.status_code == 200
    counts = {p["slug"]: p["votes"] for p in put.json["principles"]}
    assert put.json["voters"] == 2
    assert counts["werken-vanuit-vertrouwen"] == 2 and counts["werken-vanuit-de-opgave"] == 1
    assert counts["werken-vanuit-legitimiteit"] == 0, "the first vote was replaced, not added"
    html = client.get(url).get_data(as_text=True)
    chart = html.split('class="bar-chart"')[1].split("</table>")[0]
    assert "<caption" in chart and 'scope="row"' in chart
    assert '<span class="bar-value">2</span>' in chart
    assert 'aria-hidden="true"' in chart, "the bar itself is decoration; the number is text"
    principle = text_of(client.get("/principes/werken-vanuit-de-opgave"))
    assert "Op stem" in principle and "Tegenspraak die wordt weggewoven (1 stem)" in principle


def test_tags_overview_pages_and_autocomplete_ignore_case_and_accents(client, api_as):
    api = api_as("editor")
    for title, tags in (("Eerste", ["Integriteit", "Casuïstiek"]), ("Tweede", ["integriteit"])):
        api.post(
            "/api/v1/pages",
            json={
                "kind": "dilemma",
                "title": title,
                "tags": tags,
                "fields": {"principles": PRINCIPLES[:1]},
            },
        )
    tag = client.get("/api/v1/tags/INTEGRITEIT").json
    assert tag["name"].lower() == "integriteit" and tag["count"] >= 2
    assert {p["slug"] for p in tag["pages"]} >= {"eerste", "tweede"}
    assert [t["name"] for t in client.get("/api/v1/tags?q=casui").json["tags"]] == ["Casuïstiek"]
    overview = client.get("/labels").get_data(as_text=True)
    assert 'ntegriteit</a> <span class="muted">(' in overview
    assert client.get("/labels/bestaat-niet").status_code == 404


def test_merging_tags_leaves_one_tag_with_the_union_and_an_audit_entry(
    app, client, api_as, login_as
):
    api = api_as("editor")
    api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Een",
            "tags": ["integer handelen"],
            "fields": {"principles": PRINCIPLES[:1]},
        },
    )
    api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Twee",
            "tags": ["integriteit"],
            "fields": {"principles": PRINCIPLES[:1]},
        },
    )
    before = {p["slug"] for p in client.get("/api/v1/tags/integriteit").json["pages"]}
    login_as("moderator", name="Mira Moderator")
    form = form_data(client.get("/labels/integer handelen"))
    merge = {"csrf_token": form["csrf_token"], "target": "Integriteit", "reason": "Dubbel"}
    response = client.post("/labels/integer handelen/samenvoegen", data=merge)
    assert response.status_code == 302
    after = {p["slug"] for p in client.get("/api/v1/tags/integriteit").json["pages"]}
    assert after == before | {"een"}
    assert client.get("/api/v1/tags/integer handelen").status_code == 404
    assert "Mira Moderator labels samengevoegd label integer handelen Dubbel" in text_of(
        client.get("/moderatie/logboek")
    )
    edit = form_data(client.get("/dilemmas/een/bewerken"))
    assert edit["tags"] == "integriteit"


def test_a_werkvorm_lists_session_reports_that_used_it(client, api_as):
    api = api_as("editor")
    api.post(
        "/api/v1/pages",
        json={
            "kind": "experience",
            "title": "Sessie bij DGOO",
            "fields": {
                "experience_type": "session_report",
                "methods": ["langs-de-lijn-van-ambtelijk-vakmanschap"],
                "session_date": "2026-10-01",
                "participants": 24,
                "insights": "Veel herkenning.",
            },
            "tags": ["sessie"],
        },
    )
    page = text_of(client.get("/werkvormen/langs-de-lijn-van-ambtelijk-vakmanschap"))
    assert (
        "Verslagen van sessies met deze werkvorm" in page
        and "Sessie bij DGOO ( 1 oktober 2026 )" in page
    )


def test_a_dilemma_lists_similar_dilemmas(client, api_as):
    api = api_as("editor")
    original = client.get("/api/v1/pages/tegenspraak-die-wordt-weggewoven").json
    alike = {"principles": original["fields"]["principles"]}
    api.post(
        "/api/v1/pages",
        json={"kind": "dilemma", "title": "Lijkt erop", "fields": alike, "tags": original["tags"]},
    )
    page = text_of(client.get("/dilemmas/tegenspraak-die-wordt-weggewoven"))
    similar = page.split("Vergelijkbare dilemma's")[1]
    assert similar.split("(")[0].strip() == "Lijkt erop", "the most alike comes first"
    assert "(6 gedeelde principes of labels)" in similar
    api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Een beetje",
            "fields": {"principles": alike["principles"][:1]},
        },
    )
    alone = text_of(client.get("/dilemmas/een-beetje")).split("Vergelijkbare dilemma's")[1]
    assert "(1 gedeeld principe of label)" in alone and "1 gedeelde" not in alone


def test_an_anonymous_dilemma_is_in_its_authors_own_contributions_as_anoniem(
    client, login_as, make_user
):
    author = login_as("editor", name="Geheime Gerda")
    assert contribute_dilemma(client).status_code == 302
    mine = client.get(f"/gebruikers/{author.username}/bijdragen")
    entry = next(li for li in mine.text.split("<li>") if "Een collega vraagt me iets" in li)
    assert re.search(r"door\s+Anoniem", entry) and "Geheime Gerda" not in entry
    # Anyone else reading Gerda's list does not see it: that would give her away.
    sign_in(client, make_user("editor"))
    theirs = text_of(client.get(f"/gebruikers/{author.username}/bijdragen"))
    assert "Een collega vraagt me iets te verzwijgen" not in theirs


def test_employees_see_the_dilemma_form_without_editorial_fields(client, login_as, make_user):
    login_as("editor")
    page = client.get("/nieuw?soort=dilemma").text
    for editorial in ('id="source"', 'id="seeded_example"', 'name="body"'):
        assert editorial not in page, editorial
    assert page.index('id="situation"') < page.index('id="principles"')
    sign_in(client, make_user("moderator"))
    page = client.get("/nieuw?soort=dilemma").text
    assert 'id="source"' in page and 'id="seeded_example"' in page and 'name="body"' in page
    assert page.index('id="situation"') < page.index('name="body"'), "the fields come first"


def test_an_employee_saving_a_dilemma_keeps_its_editorial_fields(app, client, login_as):
    login_as("editor")
    url = "/dilemmas/een-journalist-belt"
    form = form_data(client.get(f"{url}/bewerken"))
    assert "source" not in form and "seeded_example" not in form
    assert form["body"].startswith("Dit is een voorbeelddilemma"), "a text that exists stays"
    form["question"] = "Wat zou jij doen, en waarom?"
    assert client.post(f"{url}/bewerken", data=form).status_code == 302
    fields = client.get("/api/v1/pages/een-journalist-belt").json["fields"]
    assert fields["question"] == "Wat zou jij doen, en waarom?"
    assert fields["seeded_example"] is True and fields["source"]


def test_every_message_in_the_error_summary_names_its_field_and_leads_there(client, login_as):
    login_as("editor")
    form = form_data(client.get("/nieuw?soort=dilemma"))
    form["title"] = "Zonder principe"
    response = client.post("/nieuw", data=form)
    assert response.status_code == 422
    summary = response.text.split('id="foutmeldingen"')[1].split("</ul>")[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert links == [("principles", "Principes die hier spelen: Dit veld is verplicht.")]
    assert 'id="principles"' in response.text


def test_the_experience_form_offers_dilemmas_through_a_search_that_scales(client, login_as):
    login_as("editor")
    empty = client.get("/nieuw?soort=ervaring")
    assert 'name="dilemmas" value=' not in empty.text, "no checkbox per dilemma"
    assert 'id="dilemmas-zoek"' in empty.text
    form = form_data(empty)
    form["dilemmas-zoek"] = "journalist"
    found = client.post("/nieuw", data={**form.to_dict(), "action": "zoek-dilemmas"})
    assert found.status_code == 200
    assert re.findall(r'name="dilemmas" value="([^"]+)"', found.text) == ["een-journalist-belt"]
    # Negative control: words no title has find nothing, and say so.
    form["dilemmas-zoek"] = "olifant"
    none = client.post("/nieuw", data={**form.to_dict(), "action": "zoek-dilemmas"})
    assert 'name="dilemmas" value=' not in none.text
    assert "Geen dilemma's gevonden met ‘olifant’." in text_of(none)
    # The script asks for the same options as a fragment.
    fragment = client.get("/kiezen?soort=ervaring&veld=dilemmas&q=journalist")
    assert 'value="een-journalist-belt"' in fragment.text and "<html" not in fragment.text
    assert client.get("/kiezen?soort=ervaring&veld=principles&q=x").status_code == 404
    # Chosen, it is kept and saved.
    form["title"] = "Verslag met een dilemma"
    form["dilemmas"] = "een-journalist-belt"
    saved = client.post("/nieuw", data=form)
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).text
    assert "Een journalist belt" in page


def test_a_prompt_is_a_placeholder_never_saved_as_text(client, login_as):
    login_as("editor")
    page = client.get("/nieuw?soort=ervaring")
    assert 'placeholder="Vertel wat er gebeurde."' in page.text
    form = form_data(page)
    assert form["body"] == ""
    form["title"] = "Zonder verhaal"
    saved = client.post("/nieuw", data=form)
    assert saved.status_code == 302
    assert "Vertel wat er gebeurde." not in client.get(saved.headers["Location"]).text


def test_inputs_carry_the_limits_the_server_checks(client, login_as):
    login_as("editor")
    page = client.get("/werkvormen/model-van-de-ambtenaar/bewerken").text
    assert re.search(r'<input[^>]*id="title"[^>]*maxlength="200"', page)
    assert re.search(r'<input[^>]*id="tagline"[^>]*maxlength="300"', page)
    assert re.search(r'<textarea[^>]*id="purpose"[^>]*maxlength="50000"', page)
    assert re.search(r'<input[^>]*id="summary"[^>]*maxlength="500"', page)
