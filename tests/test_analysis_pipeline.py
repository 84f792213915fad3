"""The Dutch analysis (search/analysis.py) piece by piece: exact tokens, positions, offsets.

Pure: no index, no database. test_search_analysis.py checks what these add up to (one
term for every spelling of a word, synonyms, snippets); these pin down each step.
"""

import pickle

import pytest
from whoosh.analysis import Token

from wiki.search.analysis import (
    CompoundFilter,
    DutchStemFilter,
    DutchTokenizer,
    FoldFilter,
    LowerFilter,
    fold,
    fold_phrase,
    lower_word,
    normalise,
    prefix_analyzer,
    query_words,
    spelling_analyzer,
    text_analyzer,
)


def terms(text: str, **options) -> list[str]:
    return [t.text for t in text_analyzer()(text, **options)]


def texts(analyzer, text: str, **options) -> list[str]:
    return [t.text for t in analyzer(text, **options)]


@pytest.mark.parametrize(
    ("word", "folded", "lowered"),
    [
        ("Dilemma's", "dilemma", "dilemma"),
        ("DILEMMA’S", "dilemma", "dilemma"),
        ("Casuïstiek", "casuistiek", "casuïstiek"),
        ("zo'n", "zon", "zon"),
        ("d`r", "dr", "dr"),
        ("Ideeën", "ideeen", "ideeën"),
        ("'s", "", ""),
    ],
)
def test_a_word_is_folded_for_matching_and_lowered_for_suggestions(word, folded, lowered):
    assert fold(word) == folded
    assert lower_word(word) == lowered


def test_every_apostrophe_mark_becomes_a_plain_one_and_text_is_nfc():
    assert normalise("dilemma’s ‘x´ `y ʼz ′w") == "dilemma's 'x' 'y 'z 'w"
    assert normalise("Ideee\u0308n") == "Ideeën"  # e + combining diaeresis → ë


def test_a_phrase_and_a_query_are_split_into_words():
    assert fold_phrase("  Werken  vanuit Vertrouwen’s, TMG-leden! ") == (
        "werken vanuit vertrouwen tmg-leden"
    )
    assert query_words("Dilemma’s over TMG-leden, zo´n 20") == [
        "Dilemma's",
        "over",
        "TMG-leden",
        "zo'n",
        "20",
    ]


def test_the_tokenizer_gives_nothing_extra_unless_asked():
    [token] = DutchTokenizer()("Woord")
    assert (token.text, token.positions, token.chars, token.mode) == ("Woord", False, False, "")
    assert (token.boost, token.stopped, token.removestops) == (1.0, False, True)
    assert not hasattr(token, "pos") and not hasattr(token, "startchar")
    assert not hasattr(token, "original")


def test_the_tokenizer_gives_positions_offsets_and_the_original_when_asked():
    tokenizer = DutchTokenizer()
    text = "Wij,  TMG-leden van’t team"
    seen = [
        (t.text, t.pos, t.startchar, t.endchar, t.original, t.stopped, t.boost, t.mode, t.boosts)
        + (t.positions, t.chars)
        for t in tokenizer(
            text, positions=True, chars=True, keeporiginal=True, mode="index", boosts=True
        )
    ]
    assert seen == [
        ("Wij", 0, 0, 3, "Wij", False, 1.0, "index", True, True, True),
        ("TMG-leden", 1, 6, 15, "TMG-leden", False, 1.0, "index", True, True, True),
        ("van't", 2, 16, 21, "van't", False, 1.0, "index", True, True, True),
        ("team", 3, 22, 26, "team", False, 1.0, "index", True, True, True),
    ]
    later = [
        (t.pos, t.startchar, t.endchar)
        for t in tokenizer("een twee", positions=True, chars=True, start_pos=10, start_char=100)
    ]
    assert later == [(10, 100, 103), (11, 104, 108)]


def test_the_tokenizer_can_keep_the_whole_text_as_one_token():
    [token] = DutchTokenizer()(
        "Werken vanuit vertrouwen’s", tokenize=False, chars=True, positions=True, start_char=5
    )
    assert (token.text, token.pos, token.startchar, token.endchar) == (
        "Werken vanuit vertrouwen's",
        0,
        5,
        31,
    )


def test_the_text_analyzer_numbers_words_without_the_stop_words():
    analyzer = text_analyzer()
    assert [(t.text, t.pos) for t in analyzer("de vraag van het team", positions=True)] == [
        ("vraag", 1),
        ("team", 2),
    ]


def test_stop_words_can_be_kept_marked_and_are_then_not_stemmed():
    analyzer = text_analyzer()
    kept = [(t.text, t.stopped) for t in analyzer("de principes", removestops=False)]
    assert kept == [("de", True), ("principe", False)]


def test_short_long_and_english_words_in_the_text_analyzer():
    assert terms("Plan B") == ["plan", "b"]
    assert terms("the best") == ["the", "best"]
    assert terms("a" * 60) == ["a" * 60]
    assert terms("a" * 61) == []


def test_hyphenated_parts_point_at_their_own_characters():
    analyzer = text_analyzer()
    seen = [(t.text, t.startchar, t.endchar) for t in analyzer("Wij, TMG-leden!", chars=True)]
    assert seen == [("wij", 0, 3), ("tmg-leed", 5, 14), ("tmg", 5, 8), ("leed", 9, 14)]
    three = [(t.startchar, t.endchar) for t in analyzer("x a-bb-ccc", chars=True)]
    assert three == [(0, 1), (2, 10), (2, 3), (4, 6), (7, 10)]


def test_hyphenated_parts_without_offsets_and_empty_parts():
    whole = [(t.text, getattr(t, "startchar", None)) for t in text_analyzer()("TMG-leden")]
    assert whole == [("tmg-leed", None), ("tmg", None), ("leed", None)]
    token = Token(chars=True)
    token.text, token.startchar, token.endchar = "a--b", 10, 14
    assert [(t.text, t.startchar, t.endchar) for t in CompoundFilter()([token])] == [
        ("a--b", 10, 14),
        ("a", 10, 11),
        ("b", 13, 14),
    ]


def test_empty_words_are_dropped_by_folding_and_lowering():
    for word_filter in (FoldFilter(), LowerFilter()):
        tokens = []
        for text in ("'s", "Team", "’S"):
            token = Token()
            token.text = text
            tokens.append(token)
        assert [t.text for t in word_filter(iter(tokens))] == ["team"]


def test_the_spelling_analyzer_keeps_accents_and_drops_short_and_stop_words():
    text = "Ik en het AV-team; AV, Casuïstiek van dilemma's, zo'n nu"
    assert texts(spelling_analyzer(), text) == [
        "av-team",
        "av",  # parts of a compound are not filtered again
        "team",
        "casuïstiek",
        "dilemma",
        "zon",
    ]
    assert texts(spelling_analyzer(), "the " + "b" * 30 + " " + "c" * 31) == ["the", "b" * 30]
    assert texts(spelling_analyzer(), "Zorg-vuldig", mode="query") == ["zorg-vuldig"]


def test_the_prefix_analyzer_gives_word_beginnings_of_2_to_24_letters():
    assert texts(prefix_analyzer(), "Gesprek") == [
        "ge",
        "ges",
        "gesp",
        "gespr",
        "gespre",
        "gesprek",
    ]
    long = "ontwikkelingsgerichtheidsplan"  # 29 letters
    assert texts(prefix_analyzer(), long) == [long[:n] for n in range(2, 25)]
    assert texts(prefix_analyzer(), "de") == ["de"]


def test_stem_overrides_win_over_snowball():
    overrides = {
        "chef": "leidinggevende",  # a word form: stemmed as its target
        "dienstbaarheid": "dienstbaarheid",  # kept whole
        "dienstbaar": "dienstbaarheid",  # pointing at a word that is kept whole
        "tmg-leden": "tmg-lid",  # a hyphenated word in the table is taken whole
    }
    analyzer = text_analyzer(overrides)
    assert [t.text for t in analyzer("chef leidinggevende")] == ["leidinggeef", "leidinggeef"]
    assert [t.text for t in analyzer("dienstbaarheid dienstbaar")] == ["dienstbaarheid"] * 2
    assert [t.text for t in analyzer("TMG-leden", mode="query")] == ["tmg-lid"]
    assert [t.text for t in text_analyzer()("dienstbaarheid chef")] == ["dienst", "chef"]


def test_a_hyphenated_word_stems_its_last_part():
    stem = DutchStemFilter().stem
    assert stem("tmg-leden") == "tmg-leed"
    assert stem("a-b-werkvormen") == "a-b-werkvorm"
    assert stem("werkvorm-") == "werkvorm-"


def test_the_stem_filter_is_equal_by_its_overrides_and_survives_pickling():
    one = DutchStemFilter({"chef": "leidinggevende"})
    assert one == DutchStemFilter({"chef": "leidinggevende"})
    assert one != DutchStemFilter({"chef": "baas"})
    assert one != DutchStemFilter()
    assert DutchStemFilter() == DutchStemFilter(None)
    assert one != FoldFilter()
    assert one.stem("chef") == "leidinggeef"
    copy = pickle.loads(pickle.dumps(one))
    assert copy == one and copy._stem is None and copy.overrides == {"chef": "leidinggevende"}
    assert copy.stem("chef") == "leidinggeef"
    assert one.__getstate__() == {"overrides": {"chef": "leidinggevende"}}
