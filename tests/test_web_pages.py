"""Reading the wiki in HTML: home, overviews, every seeded page, filters and 404."""

import html
import re

import pytest
from conftest import form_data

from wiki.config import PROJECT_ROOT
from wiki.kinds import KINDS
from wiki.services.seed import read_seed

SEEDS = read_seed(PROJECT_ROOT / "seed" / "pages")


def text_of(response) -> str:
    """The page's visible text, roughly: tags stripped, entities decoded."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_home_explains_the_wiki_and_leads_to_the_three_paths(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "In deze wiki vind je de zeven principes" in text_of(response)
    for path in ('href="/principes"', 'href="/werkvormen"', 'href="/dilemmas"'):
        assert path in page
    assert page.index("Direct naar de inhoud") < page.index("<main")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.slug)
def test_every_seeded_page_renders_with_its_title(client, seed):
    spec = KINDS[seed.kind]
    response = client.get(f"/{spec.segment}/{seed.slug}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"<h1>{seed.title}</h1>" in html.unescape(page)
    assert f"<title>{seed.title} — {spec.plural.capitalize()} — AV-wiki</title>" in html.unescape(
        page
    )
    assert "wikilink--missing" not in page, "a seed page links to a page that does not exist"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_overview_lists_its_seeded_pages(client, kind):
    response = client.get(f"/{KINDS[kind].segment}")
    assert response.status_code == 200
    shown = text_of(response)
    for seed in SEEDS:
        if seed.kind == kind:
            assert seed.title in shown


def test_principle_page_shows_values_behaviours_leaders_and_related_pages(client):
    response = client.get("/principes/werken-vanuit-vertrouwen")
    shown = text_of(response)
    assert "integer" in shown and "inclusief" in shown
    assert "Wees nieuwsgierig naar wat leeft binnen en buiten je organisatie." in shown
    assert "Specifiek voor leidinggevenden" in shown
    assert "Steun de openheid van jouw medewerkers actief en waardeer dit." in shown
    assert "Werkvormen bij dit principe" in shown
    assert "Dilemma's waarin dit principe speelt" in shown


def test_werkvorm_page_is_a_workshop_card(client):
    response = client.get("/werkvormen/model-van-de-ambtenaar")
    page = response.get_data(as_text=True)
    shown = text_of(response)
    assert "60–90 minuten" in shown
    assert "hoogstens 25 deelnemers" in shown
    for heading in ("Programma", "Varianten", "Benodigdheden", "Voorbeeld uitnodigingstekst"):
        assert f">{heading}</h2>" in page
    assert re.search(r"<th scope=\"row\">Starter</th>\s*<td class=\"minutes\">10 min</td>", page)
    assert 'data-copy="uitnodiging"' in page
    assert "Beste" in shown and "We zien je graag" in shown


def test_werkvormen_filter_finds_those_for_20_people_in_an_hour(client):
    response = client.get("/werkvormen?people=20&minutes=60")
    shown = text_of(response)
    assert "Model van de Ambtenaar" in shown
    assert "Langs de Lijn van Ambtelijk Vakmanschap" in shown
    # 90 minutes at least, so it does not fit in an hour.
    assert "Dansende Dilemma's" not in shown
    assert "2 van 6 werkvormen passen; 1 past mogelijk." in shown


def test_a_werkvorm_without_duration_or_group_size_is_listed_as_past_mogelijk(client):
    page = client.get("/werkvormen?people=20&minutes=60").get_data(as_text=True)
    sure, heading, maybe = page.partition("Past mogelijk (duur of groepsgrootte niet vastgelegd)")
    assert heading, "no 'Past mogelijk' group"
    assert "Gedrag op de werkvloer" in maybe and "Gedrag op de werkvloer" not in sure
    assert "Model van de Ambtenaar" in sure and "Model van de Ambtenaar" not in maybe
    # Negative control: a known level it does not list keeps it out of both groups.
    online = client.get("/werkvormen?people=20&minutes=60&setting=online").get_data(as_text=True)
    assert "Gedrag op de werkvloer" not in online
    # Without a filter on figures there is nothing to be unsure about.
    assert "Past mogelijk" not in client.get("/werkvormen?level=beginner").get_data(as_text=True)


def test_werkvormen_filter_with_a_bad_number_says_so_in_dutch_and_keeps_it(client):
    response = client.get("/werkvormen?people=twintig&minutes=60")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Vul een heel getal in" in page
    assert 'value="twintig"' in page
    assert 'aria-invalid="true"' in page


def test_dilemmas_can_be_filtered_by_principle(client, app):
    everything = text_of(client.get("/dilemmas"))
    response = client.get("/dilemmas?principe=werken-vanuit-legitimiteit")
    shown = text_of(response)
    dilemmas = [s for s in SEEDS if s.kind == "dilemma"]
    for seed in dilemmas:
        assert seed.title in everything
        linked = "werken-vanuit-legitimiteit" in seed.fields["principles"]
        assert (seed.title in shown) == linked, seed.title


def test_wiki_links_lead_to_the_page_they_name(client):
    page = client.get("/werkvormen/gedrag-op-de-werkvloer").get_data(as_text=True)
    assert 'class="wikilink" href="/principes/werken-vanuit-vertrouwen"' in page


@pytest.mark.parametrize(
    "url",
    ["/principes/bestaat-niet", "/nergens", "/werkvormen/werken-vanuit-vertrouwen/extra"],
)
def test_unknown_pages_get_a_dutch_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_a_page_under_the_wrong_kind_redirects_to_its_own_address(client):
    response = client.get("/werkvormen/werken-vanuit-vertrouwen")
    assert response.status_code == 301
    assert response.headers["Location"] == "/principes/werken-vanuit-vertrouwen"


def test_a_link_by_slug_alone_finds_the_page(client):
    response = client.get("/pagina/dansende-dilemmas")
    assert response.headers["Location"] == "/werkvormen/dansende-dilemmas"
    missing = client.get("/pagina/nog-niet-geschreven")
    assert missing.status_code == 404
    assert "bestaat nog niet" in missing.get_data(as_text=True)


def test_a_werkvorm_shows_the_principles_and_dilemmas_it_fits_near_the_top(client):
    page = client.get("/werkvormen/model-van-de-ambtenaar").text
    fits = page.index('<h2 id="f-fits">Past bij</h2>')
    assert fits < page.index(">Waarom doe je deze werkvorm?</h2>")
    block = page[fits : page.index("</section>", fits)]
    assert '<a href="/principes/werken-vanuit-vertrouwen">Werken vanuit vertrouwen</a>' in block
    assert '<a href="/dilemmas/mij-hoef-je-niets-te-vertellen">' in block
    # Shown once: not again under "Pagina's die hiernaar verwijzen".
    assert page.count('href="/dilemmas/mij-hoef-je-niets-te-vertellen"') == 1


@pytest.mark.parametrize(
    "path",
    [
        "/werkvormen/model-van-de-ambtenaar",
        "/werkvormen/model-van-de-ambtenaar/geschiedenis",
        "/werkvormen/model-van-de-ambtenaar/verschil",
        "/labels/reflectie",
    ],
)
def test_every_breadcrumb_starts_at_home(client, login_as, path):
    if path.endswith("/verschil"):  # a diff needs a second version
        login_as("editor")
        form = form_data(client.get("/werkvormen/model-van-de-ambtenaar/bewerken"))
        form["body"] += "\nEen zin erbij.\n"
        assert (
            client.post("/werkvormen/model-van-de-ambtenaar/bewerken", data=form).status_code == 302
        )
    page = client.get(path).text
    trail = page.split('<nav class="breadcrumbs" aria-label="Kruimelpad">')[1].split("</nav>")[0]
    first = re.search(r"<li>(.*?)</li>", trail, flags=re.S)[1]
    assert first == '<a href="/">Home</a>', first
    assert '<span aria-current="page">' in trail
