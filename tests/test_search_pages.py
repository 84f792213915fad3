"""The search page as a reader meets it: box, results, facets, filters, paging, errors."""

import html
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from wiki.extensions import db
from wiki.kinds.method import Fit, fit
from wiki.models import Page
from wiki.search import backend, sync


def text_of(response) -> str:
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def result_titles(response, *, maybe: bool = False) -> list[str]:
    """Return the titles of the results, or (maybe=True) those under "Past mogelijk"."""
    body = response.get_data(as_text=True)
    sure, _, maybe_part = body.partition('id="past-mogelijk"')
    found = re.findall(
        r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', maybe_part if maybe else sure
    )
    return [html.unescape(title) for title in found]


@pytest.mark.parametrize("path", ["/", "/principes", "/werkvormen/model-van-de-ambtenaar"])
def test_every_page_has_a_labelled_search_box(client, path):
    page = client.get(path).get_data(as_text=True)
    assert '<form class="site-search" role="search" method="get" action="/zoeken"' in page
    assert '<label for="site-zoekvraag">Zoek in de wiki</label>' in page


def test_a_result_shows_kind_title_snippet_tags_and_last_change(client, search_index):
    response = client.get("/zoeken?q=buikpijn")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert result_titles(response) == ["Model van de Ambtenaar"]
    assert '<span class="badge badge--method">Werkvorm</span>' in page
    assert "<mark>buikpijn</mark>" in page
    assert re.search(r'<li class="tag">(<a [^>]*>)?metafoor(</a>)?</li>', page)
    assert "Laatst gewijzigd op" in text_of(response)
    assert re.search(r'role="status" aria-live="polite"[^>]*>1 resultaat voor', page)


def test_the_search_page_works_without_a_query(client, search_index):
    response = client.get("/zoeken")
    assert response.status_code == 200
    assert "Typ een woord of een vraag" in text_of(response)


def test_snippets_are_escaped_and_only_the_marks_are_html(client, search_index, make_page):
    make_page(title="Een lastige invoer", body="Wat als <script>alert(1)</script> zoekwoordx?")
    page = client.get("/zoeken?q=zoekwoordx").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>zoekwoordx</mark>" in page


def test_a_new_page_is_found_right_after_it_is_saved(client, search_index, make_page):
    assert result_titles(client.get("/zoeken?q=zebrapad")) == []
    make_page(title="Over het zebrapad", body="Een zebrapad is geen dilemma.")
    assert result_titles(client.get("/zoeken?q=zebrapad")) == ["Over het zebrapad"]


def test_spellings_of_dilemmas_and_principes_find_each_other(client, search_index, make_page):
    make_page(title="Kompas bij keuzes", body="Bespreek eerst jullie Dilemma´s, dan het principe.")
    for query in ("dilemmas kompas", "dilemma's kompas", "principes kompas"):
        assert "Kompas bij keuzes" in result_titles(client.get(f"/zoeken?q={query}"))


def test_the_start_of_a_compound_finds_the_title(client, search_index, make_page):
    make_page(kind="guide", title="Gesprekskaarten voor het team", body="Over kaarten.", fields={})
    assert "Gesprekskaarten voor het team" in result_titles(client.get("/zoeken?q=gesprek"))


def test_a_quoted_phrase_keeps_words_like_niet_and_of(client, search_index, make_page):
    make_page(title="Melden of zwijgen", body="Je twijfelt: wel of niet melden bij je chef?")
    make_page(title="Een ander verhaal", body="Melden is niet altijd nodig, of wel?")
    found = result_titles(client.get('/zoeken?q="wel of niet melden"'))
    assert found == ["Melden of zwijgen"]
    assert found[0] == result_titles(client.get("/zoeken?q=wel of niet melden"))[0]


def test_facets_count_and_filters_combine(client, search_index):
    page = html.unescape(client.get("/zoeken?q=tegenspraak").get_data(as_text=True))
    assert re.search(r'value="dilemma">\s*<label[^>]*>Dilemma\'s <span class="count">\(1', page)
    assert "Werken vanuit professionaliteit" in page
    response = client.get(
        "/zoeken?q=tegenspraak&kind=dilemma&kind=principle&principle=werken-vanuit-professionaliteit"
    )
    titles = result_titles(response)
    assert titles and set(titles) <= {
        "Tegenspraak die wordt weggewoven",
        "Werken vanuit professionaliteit",
        "Vakmanschap in de knel",
    }
    assert 'value="dilemma" checked' in response.get_data(as_text=True)
    narrower = result_titles(client.get("/zoeken?q=tegenspraak&kind=principle"))
    assert narrower[0] == "Werken vanuit professionaliteit"
    assert all(title.startswith("Werken vanuit") for title in narrower)


def test_werkvorm_filters_follow_the_overview_rules(app, client, search_index):
    response = client.get("/zoeken?minutes=60&people=20")
    with app.app_context():
        methods = db.session.scalars(select(Page).where(Page.kind == "method")).all()
        judged = {p.title: fit(p.current_revision.fields, minutes=60, people=20) for p in methods}
    fits = {title for title, how in judged.items() if how is Fit.FITS}
    maybe = {title for title, how in judged.items() if how is Fit.MAYBE}
    assert fits and set(result_titles(response)) == fits
    assert maybe == {"Gedrag op de werkvloer"}
    assert set(result_titles(response, maybe=True)) == maybe


def test_a_werkvorm_without_figures_may_fit_a_search_with_werkvorm_filters(client, search_index):
    response = client.get("/zoeken?q=integriteit&minutes=60&people=20")
    assert "Past mogelijk (duur of groepsgrootte niet vastgelegd)" in text_of(response)
    assert result_titles(response, maybe=True) == ["Gedrag op de werkvloer"]
    # Negative control: a known figure that does not fit keeps a werkvorm out entirely.
    too_short = client.get("/zoeken?q=dilemma&minutes=20&people=20")
    assert "Dansende Dilemma's" not in result_titles(too_short) + result_titles(
        too_short, maybe=True
    )
    # Only werkvormen can be "past mogelijk": another kind asked for shows none.
    principles = client.get("/zoeken?q=integriteit&minutes=60&people=20&kind=principle")
    assert result_titles(principles, maybe=True) == []


def test_without_werkvorm_figures_there_is_no_past_mogelijk_group(client, search_index):
    response = client.get("/zoeken?q=integriteit&level=beginner")
    assert "Past mogelijk" not in text_of(response)


def test_plain_dutch_about_a_session_reads_as_werkvorm_filters(client, search_index):
    response = client.get("/zoeken?q=werkvorm 20 deelnemers een uur")
    assert "alleen werkvormen voor 20 deelnemers, die in 60 minuten passen" in text_of(response)
    page = response.get_data(as_text=True)
    assert 'name="people" type="number" value="20"' in page  # shown in the filters too
    assert "Langs de Lijn van Ambtelijk Vakmanschap" in result_titles(response)


def test_results_are_paged_and_the_url_holds_the_whole_query(client, search_index):
    first = client.get("/zoeken?q=dilemma&kind=dilemma")
    page = first.get_data(as_text=True)
    assert "13 resultaten voor <strong>‘dilemma’</strong>, pagina 1 van 2." in page
    next_link = html.unescape(re.search(r'<a href="([^"]+)" rel="next">', page).group(1))
    second = client.get(next_link)
    assert "kind=dilemma" in next_link and "q=dilemma" in next_link and "page=2" in next_link
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert 'rel="prev"' in second.get_data(as_text=True)


def test_a_misspelling_offers_a_suggestion(client, search_index):
    page = client.get("/zoeken?q=dillema").get_data(as_text=True)
    assert 'Bedoelde je <a href="/zoeken?q=dilemma">dilemma</a>?' in page


def test_bad_filter_input_gets_a_dutch_message_not_an_error(client, search_index):
    response = client.get("/zoeken?q=dilemma&minutes=veel")
    assert response.status_code == 200
    assert "Vul een heel getal in" in text_of(response)


def test_hidden_pages_never_show_up(app, client, search_index, make_page):
    slug = make_page(title="Geheim overleg", body="Het woord is kwartelkoning.")
    assert result_titles(client.get("/zoeken?q=kwartelkoning")) == ["Geheim overleg"]
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == slug))
        page.is_hidden = True
        sync.record(page)
        db.session.commit()
        sync.apply_pending()
    assert result_titles(client.get("/zoeken?q=kwartelkoning")) == []
    assert client.get("/api/v1/search?q=kwartelkoning").get_json()["total"] == 0
    assert client.get("/api/v1/search/suggest?q=geheim").get_json()["suggestions"] == []


def test_a_lost_index_gives_a_kind_message_and_rebuild_restores_it(
    app, client, runner, search_index
):
    with app.app_context():
        backend().wait_for_merge()
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    response = client.get("/zoeken?q=tegenspraak")
    assert response.status_code == 503
    assert "Zoeken is tijdelijk niet beschikbaar" in text_of(response)
    assert client.get("/principes").status_code == 200
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Tegenspraak die wordt weggewoven" in result_titles(client.get("/zoeken?q=tegenspraak"))


def test_a_corrupt_index_gives_the_same_kind_message(app, client, search_index):
    with app.app_context():
        backend().wait_for_merge()
    root = Path(app.config["SEARCH_INDEX_DIR"])
    live = root / (root / "CURRENT").read_text().strip()
    for path in live.iterdir():
        path.write_bytes(b"kapot")
    response = client.get("/zoeken?q=dilemma")
    assert response.status_code == 503
    assert "Zoeken is tijdelijk niet beschikbaar" in text_of(response)


def test_a_suggestion_is_spelled_as_the_pages_spell_it(client, search_index):
    page = client.get("/zoeken?q=casuistik").get_data(as_text=True)
    assert 'Bedoelde je <a href="/zoeken?q=casu%C3%AFstiek">casuïstiek</a>?' in page
    # A word the pages have, typed without its accent, is found and needs no correction.
    found = client.get("/zoeken?q=casuistiek").get_data(as_text=True)
    assert "Bedoelde je" not in found
