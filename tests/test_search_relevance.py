"""Relevance: Dutch queries drawn from the seed content, each with a page that belongs on top.

Each query must put its page among the first three results. The list is the search's
contract with its readers: a change to analysis or weights that breaks one shows here.
"""

import pytest

from wiki.search import results

# (query, slug that must be in the top 3)
CASES = [
    ("dilemmas", "dansende-dilemmas"),
    ("Dilemma´s", "dansende-dilemmas"),
    ("casuistiek", "model-van-de-ambtenaar"),
    ("verantwoording", "werken-vanuit-verantwoording"),
    ("verantwoordelijkheid", "werken-vanuit-verantwoordelijkheid"),
    ("tegenspraak", "tegenspraak-die-wordt-weggewoven"),
    ("tegenspraak", "werken-vanuit-professionaliteit"),
    ("buikpijn", "model-van-de-ambtenaar"),
    ("werkvorm 20 deelnemers een uur", "langs-de-lijn-van-ambtelijk-vakmanschap"),
    ("dienstbaarheid", "werken-vanuit-dienstbaarheid"),
    ("integer open inclusief", "werken-vanuit-vertrouwen"),
    ("rechtmatig", "werken-vanuit-legitimiteit"),
    ("navolgbaar transparant", "werken-vanuit-verantwoording"),
    ("grenzeloos samenwerken", "werken-vanuit-de-opgave"),
    ("opgaven", "werken-vanuit-de-opgave"),
    ("journalist", "een-journalist-belt"),
    ("media minister", "een-journalist-belt"),
    ("fout", "een-fout-die-niemand-heeft-gezien"),
    ("wakker liggen", "wakker-liggen-van-een-dossier"),
    ("menselijke maat", "de-menselijke-maat"),
    ("onafhankelijkheid", "onafhankelijk-blijven"),
    ("belangen", "conflicterende-belangen"),
    ("uitvoering beleid", "beleid-maken-zonder-de-uitvoering"),
    ("gesprekskaarten", "gedrag-op-de-werkvloer"),
    ("gedragsvoorbeelden", "gedrag-op-de-werkvloer"),
    ("lijnopstelling", "langs-de-lijn-van-ambtelijk-vakmanschap"),
    ("matten", "dansende-dilemmas"),
    ("response canvas", "response-canvas-en-verslaglegging"),
    ("rode draden", "stap-4-vervolg-organiseren"),
    ("facilitator", "stap-2-gesprekken-voeren"),
    ("uitnodiging versturen", "stap-1-voorbereiden"),
    ("krantenartikel", "verhalen-en-beelden-uit-de-praktijk"),
    ("TMG-leden", "verhalen-en-beelden-uit-de-praktijk"),
    ("wat is ambtelijk vakmanschap", "wat-is-ambtelijk-vakmanschap"),
    ("AV", "wat-is-ambtelijk-vakmanschap"),
    ("hoofd hart handen buik voeten", "model-van-de-ambtenaar"),
    ("startkit", "startkit-in-gesprek-over-ambtelijk-vakmanschap"),
    ("leidinggevende tegenspraak", "tegenspraak-die-wordt-weggewoven"),
    ("manager", "tegenspraak-die-wordt-weggewoven"),
    ("Mij hoef je niets te vertellen", "mij-hoef-je-niets-te-vertellen"),
    ("vrijelijk adviseren", "vrijelijk-adviseren-en-daarna-uitvoeren"),
    ("minister of samenleving", "werken-voor-de-minister-of-voor-de-samenleving"),
    ("wel of niet tegenspraak", "tegenspraak-die-wordt-weggewoven"),
    ("casus", "dansende-dilemmas"),
]


def top(app, query: str, n: int = 3) -> list[str]:
    with app.app_context():
        return [hit.page.slug for hit in results.search(query).hits[:n]]


@pytest.mark.parametrize(("query", "slug"), CASES, ids=[f"{q}->{s}" for q, s in CASES])
def test_query_puts_its_page_in_the_top_three(search_app, query, slug):
    assert slug in top(search_app, query)


def test_there_are_at_least_thirty_relevance_cases():
    assert len({query for query, _ in CASES}) >= 30


def test_a_page_that_only_mentions_verantwoordelijkheid_ranks_below_the_principle(search_app):
    found = top(search_app, "verantwoording", n=20)
    assert found[0] == "werken-vanuit-verantwoording"
    # Negative control: the principle on responsibility does not come before it.
    assert found.index("werken-vanuit-verantwoording") < (
        found.index("werken-vanuit-verantwoordelijkheid")
        if "werken-vanuit-verantwoordelijkheid" in found
        else len(found)
    )


def test_a_misspelt_word_offers_did_you_mean(search_app):
    with search_app.app_context():
        found = results.search("dillema")
    assert found.suggestion == "dilemma"
    with search_app.app_context():
        assert results.search("dilemma").suggestion is None


def test_an_exact_title_comes_first_even_among_many_matches(search_app):
    assert top(search_app, "Stap 2: Gesprekken voeren", n=1) == ["stap-2-gesprekken-voeren"]
    assert top(search_app, "werken vanuit vertrouwen", n=1) == ["werken-vanuit-vertrouwen"]
