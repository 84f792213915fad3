"""Dutch analysis, the vocabulary, reading queries and snippets: no database needed."""

import pytest
import snowballstemmer

from wiki.config import PROJECT_ROOT
from wiki.kinds.method import matches
from wiki.search import Filters, Query
from wiki.search.analysis import fold, text_analyzer
from wiki.search.documents import PageSource, document
from wiki.search.queries import read_query
from wiki.search.vocabulary import VocabularyError, VocabularySource, parse_vocabulary
from wiki.search.whoosh_backend import WhooshBackend
from wiki.services.seed import read_seed_file

VOCABULARY_PAGE = read_seed_file(PROJECT_ROOT / "seed" / "pages" / "guide" / "zoekwoordenlijst.md")
VOCABULARY = parse_vocabulary(VOCABULARY_PAGE.body)
SOURCE = VocabularySource(1, VOCABULARY_PAGE.body)
ANALYZER = text_analyzer(VOCABULARY.stem_overrides)


def terms(text: str, mode: str = "index") -> list[str]:
    return [t.text for t in ANALYZER(text, mode=mode)]


@pytest.mark.parametrize("spelling", ["dilemma's", "dilemma’s", "Dilemma´s", "dilemmas", "dilemma"])
def test_every_spelling_of_dilemmas_is_one_term(spelling):
    assert terms(spelling) == ["dilemma"]


def test_accents_are_folded_for_matching():
    assert terms("casuïstiek") == terms("casuistiek") == ["casuistiek"]
    assert fold("Ideeën") == "ideeen"


def test_plural_and_singular_meet_but_different_words_stay_apart():
    assert terms("principes") == terms("principe")
    assert terms("opgaven") == terms("opgave")
    assert terms("verantwoordelijkheid") != terms("verantwoording")
    assert terms("dienstbaarheid") != terms("dienst")


def test_whooshs_old_dutch_stemmer_would_get_these_wrong():
    # Negative control: why we use the current Snowball Dutch stemmer.
    old = snowballstemmer.stemmer("dutch_porter")
    assert old.stemWord("verantwoordelijkheid") == old.stemWord("verantwoording")
    assert old.stemWord("principe") != old.stemWord("principes")


def test_hyphenated_words_are_indexed_whole_and_by_their_parts():
    indexed = terms("TMG-leden")
    assert indexed[0].startswith("tmg-") and "tmg" in indexed and len(indexed) == 3
    assert terms("TMG-leden", mode="query") == indexed[:1]


def test_stop_words_go_but_words_that_carry_meaning_stay():
    assert terms("de het een") == []
    assert terms("wel of niet melden")[:3] == ["wel", "of", "niet"]


def test_vocabulary_synonyms_work_both_ways():
    assert "ambtelijk vakmanschap" in VOCABULARY.synonyms["av"]
    assert "AV" in VOCABULARY.synonyms["ambtelijk vakmanschap"]
    assert "manager" in VOCABULARY.synonyms["leidinggevende"]


def test_the_seeded_vocabulary_page_holds_both_lists():
    assert len(VOCABULARY.synonyms) >= 20
    assert VOCABULARY.stem_overrides["dilemmas"] == "dilemma"
    assert VOCABULARY.stem_overrides["dienstbaarheid"] == "dienstbaarheid"


def test_the_vocabulary_page_is_markdown_with_two_lists():
    vocabulary = parse_vocabulary(
        "Uitleg die geen lijst is.\n\n"
        "## Synoniemen\nWoorden op één regel:\n- Tegenspraak, *tegengeluid*\n\n"
        "## Woordvormen\n* opgaven -> opgave\n- dienst = dienst (blijft heel)\n"
        "- dilemma's → dilemma\n\n## Zie ook\n- geen synoniemen, hier\n"
    )
    assert vocabulary.synonyms == {
        "tegenspraak": ("tegengeluid",),
        "tegengeluid": ("Tegenspraak",),
    }
    assert vocabulary.stem_overrides == {
        "opgaven": "opgave",
        "dienst": "dienst",
        "dilemma": "dilemma",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## Synoniemen\n- alleen\n", "Regel 2: een groep synoniemen heeft twee of meer"),
        ("## Woordvormen\n\n- dilemmas dilemma\n", "Regel 3: schrijf een woordvorm als"),
        ("## Woordvormen\n- in gesprek → gesprek\n", "'in gesprek' is meer dan één woord"),
        ("Alleen uitleg, geen lijsten.\n", "kop 'Synoniemen' of 'Woordvormen' nodig"),
    ],
)
def test_a_broken_vocabulary_is_reported_in_dutch_with_its_line(text, message):
    with pytest.raises(VocabularyError, match=message):
        parse_vocabulary(text)


def test_a_query_in_plain_dutch_becomes_werkvorm_filters():
    query = read_query("werkvorm 20 deelnemers een uur")
    assert query.filters == Filters(people=20, minutes=60)
    assert query.words == ()
    assert query.hints == ("voor 20 deelnemers", "die in 60 minuten passen")
    assert read_query("een kwartier").filters.minutes == 15
    assert read_query('"wel of niet" melden').phrases == ("wel of niet",)


def test_filters_chosen_in_the_form_win_over_the_text():
    assert read_query("20 deelnemers", Filters(people=8)).filters.people == 8


def test_snippets_keep_the_original_spelling_and_escape_html(tmp_path):
    search = WhooshBackend(str(tmp_path))
    search.rebuild([], vocabulary=SOURCE)
    text = "Een zin vooraf. Bij <b>Casuïstiek</b> gaat het om dilemma’s uit de praktijk."
    html = search.snippet(text, frozenset(terms("casuistiek dilemmas")), frozenset())
    assert "<mark>Casuïstiek</mark>" in html
    assert "<mark>dilemma’s</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def _method(number: int, duration: dict, size: dict, levels=(), settings=()) -> dict:
    fields = {
        "duration": duration,
        "group_size": size,
        "levels": list(levels),
        "settings": list(settings),
    }
    source = PageSource(
        number, number, "method", f"werkvorm-{number}", f"Werkvorm {number}", "Tekst.", fields, []
    )
    return document(source), fields


def test_werkvorm_filters_in_the_index_agree_with_matches(tmp_path):
    ranges = [
        {"min": None, "max": None},
        {"min": 30, "max": None},
        {"min": None, "max": 60},
        {"min": 45, "max": 90},
        {"min": 10, "max": 10},
    ]
    made = [
        _method(
            i * 10 + j,
            duration,
            size,
            ["beginner"] if j % 2 else ["advanced"],
            ["online"] if i % 2 else ["physical", "hybrid"],
        )
        for i, duration in enumerate(ranges)
        for j, size in enumerate(ranges)
    ]
    search = WhooshBackend(str(tmp_path))
    search.rebuild((doc for doc, _ in made), vocabulary=SOURCE)
    for minutes in (None, 5, 10, 30, 60, 120):
        for people in (None, 1, 10, 45, 100):
            for level, setting in ((None, None), ("beginner", None), (None, "online")):
                filters = Filters(minutes=minutes, people=people, level=level, setting=setting)
                query = Query(text="", filters=filters, per_page=100)
                found = {hit.page_id for hit in search.search(query).hits}
                expected = {
                    doc["page_id"]
                    for doc, fields in made
                    if matches(fields, minutes=minutes, people=people, level=level, setting=setting)
                }
                assert found == expected, filters
