"""Diffs of texts and page states (services/diff.py), pure: the exact segments and rows.

What the history's diff page and the API's "diff" show: an inline word diff, side-by-side
rows, field changes with the kind's labels and the values as a person reads them.
"""

import pytest

from wiki.kinds import KindSpec
from wiki.kinds.fields import Field
from wiki.services.diff import (
    FieldChange,
    Row,
    Segment,
    TextDiff,
    diff_states,
    diff_text,
    display_value,
)
from wiki.services.merge import PageState

LEVELS = (("beginner", "Beginners"), ("advanced", "Gevorderden"))
FIELDS = {
    "tagline": Field("tagline", "Centrale vraag", "text"),
    "purpose": Field("purpose", "Waarom", "markdown"),
    "materials": Field("materials", "Benodigdheden", "lines"),
    "principles": Field("principles", "Principes", "refs", ref_kind="principle"),
    "levels": Field("levels", "Niveau", "choices", options=LEVELS),
    "level": Field("level", "Hoofdniveau", "choice", options=LEVELS),
    "programme": Field("programme", "Programma", "steps"),
    "variants": Field("variants", "Varianten", "variants"),
    "duration": Field("duration", "Tijdsduur", "range"),
    "online": Field("online", "Online", "bool"),
    "number": Field("number", "Nummer", "int"),
    "day": Field("day", "Datum", "date"),
}
SPEC = KindSpec(
    "test", "test", "tests", "tests", "Een soort om mee te testen", tuple(FIELDS.values())
)


def eq(text):
    return Segment("equal", text)


def ins(text):
    return Segment("insert", text)


def dele(text):
    return Segment("delete", text)


def state(title="Werkvorm", body="Tekst.\n", tags=("integriteit",), **fields) -> PageState:
    return PageState(title, body, fields, list(tags))


def test_an_unchanged_text_is_one_equal_segment_and_equal_rows():
    assert diff_text("Een.\nTwee.\n", "Een.\nTwee.\n") == TextDiff(
        [eq("Een.\nTwee.\n")],
        [
            Row("equal", [eq("Een.\n")], [eq("Een.\n")]),
            Row("equal", [eq("Twee.\n")], [eq("Twee.\n")]),
        ],
    )


def test_an_added_line_is_an_insert_row_with_no_old_side():
    assert diff_text("Een.\nDrie.\n", "Een.\nTwee.\nDrie.\n") == TextDiff(
        [eq("Een.\n"), ins("Twee.\n"), eq("Drie.\n")],
        [
            Row("equal", [eq("Een.\n")], [eq("Een.\n")]),
            Row("insert", None, [ins("Twee.\n")]),
            Row("equal", [eq("Drie.\n")], [eq("Drie.\n")]),
        ],
    )


def test_added_lines_are_one_inline_insert_and_a_row_each():
    assert diff_text("Een.\n", "Een.\nTwee.\nDrie.\n") == TextDiff(
        [eq("Een.\n"), ins("Twee.\nDrie.\n")],
        [
            Row("equal", [eq("Een.\n")], [eq("Een.\n")]),
            Row("insert", None, [ins("Twee.\n")]),
            Row("insert", None, [ins("Drie.\n")]),
        ],
    )


def test_removed_lines_are_delete_rows_with_no_new_side():
    assert diff_text("Een.\nTwee.\nDrie.\nVier.\n", "Een.\nVier.\n") == TextDiff(
        [eq("Een.\n"), dele("Twee.\nDrie.\n"), eq("Vier.\n")],
        [
            Row("equal", [eq("Een.\n")], [eq("Een.\n")]),
            Row("delete", [dele("Twee.\n")], None),
            Row("delete", [dele("Drie.\n")], None),
            Row("equal", [eq("Vier.\n")], [eq("Vier.\n")]),
        ],
    )


def test_a_changed_word_is_shown_word_by_word_and_joined_with_what_follows():
    old = "Werken vanuit vertrouwen.\nZelfde regel.\n"
    new = "Werken vanuit wantrouwen.\nZelfde regel.\n"
    assert diff_text(old, new) == TextDiff(
        [eq("Werken vanuit "), dele("vertrouwen"), ins("wantrouwen"), eq(".\nZelfde regel.\n")],
        [
            Row(
                "replace",
                [eq("Werken vanuit "), dele("vertrouwen"), eq(".\n")],
                [eq("Werken vanuit "), ins("wantrouwen"), eq(".\n")],
            ),
            Row("equal", [eq("Zelfde regel.\n")], [eq("Zelfde regel.\n")]),
        ],
    )


def test_two_lines_replaced_by_three_pair_up_and_the_extra_line_is_inserted():
    diff = diff_text("Een.\nTwee.\nSlot.\n", "Eén.\nTwee!\nDrie.\nSlot.\n")
    assert diff.rows == [
        Row("replace", [dele("Een"), eq(".\n")], [ins("Eén"), eq(".\n")]),
        Row("replace", [eq("Twee"), dele("."), eq("\n")], [eq("Twee"), ins("!"), eq("\n")]),
        Row("insert", None, [ins("Drie.\n")]),
        Row("equal", [eq("Slot.\n")], [eq("Slot.\n")]),
    ]
    assert diff.inline == [
        dele("Een"),
        ins("Eén"),
        eq(".\nTwee"),
        ins("!\nDrie"),
        eq(".\nSlot.\n"),
    ]


def test_three_lines_replaced_by_one_pair_up_and_the_rest_is_deleted():
    diff = diff_text("Een.\nTwee.\nDrie.\n", "Alles anders.\n")
    assert diff.rows == [
        Row("replace", [dele("Een"), eq(".\n")], [ins("Alles anders"), eq(".\n")]),
        Row("delete", [dele("Twee.\n")], None),
        Row("delete", [dele("Drie.\n")], None),
    ]
    assert diff.inline == [dele("Een"), ins("Alles anders"), eq(".\n"), dele("Twee.\nDrie.\n")]


def test_a_word_removed_from_a_line_leaves_no_empty_insert_on_the_new_side():
    assert diff_text("Werken vanuit veel vertrouwen.\n", "Werken vanuit vertrouwen.\n") == TextDiff(
        [eq("Werken vanuit "), dele("veel "), eq("vertrouwen.\n")],
        [
            Row(
                "replace",
                [eq("Werken vanuit "), dele("veel "), eq("vertrouwen.\n")],
                [eq("Werken vanuit "), eq("vertrouwen.\n")],
            )
        ],
    )


def test_a_word_replaced_at_the_end_has_no_empty_segment_after_it():
    assert diff_text("Het kan.", "Het mag") == TextDiff(
        [eq("Het "), dele("kan."), ins("mag")],
        [Row("replace", [eq("Het "), dele("kan.")], [eq("Het "), ins("mag")])],
    )


def test_punctuation_and_spaces_are_words_of_their_own():
    assert diff_text("ja, nee", "ja; nee").inline == [eq("ja"), dele(","), ins(";"), eq(" nee")]
    assert diff_text("a b", "a  b").inline == [eq("a"), dele(" "), ins("  "), eq("b")]


def test_a_long_page_marks_only_the_lines_that_changed():
    """Over 200 lines, half of them blank: difflib's 'popular line' heuristic must stay off,
    or the blank line between two changes would be marked as changed too."""
    old = "".join(f"Alinea {i}.\n\n" for i in range(120))
    new = old.replace("Alinea 119.\n\n", "Alinea 119a.\n\nAlinea 119b.\n\n")
    diff = diff_text(old, new)
    ops = [r.op for r in diff.rows[-6:]]
    assert ops == ["equal", "equal", "replace", "equal", "insert", "insert"]
    assert diff.rows[-3] == Row("equal", [eq("\n")], [eq("\n")])
    changes = [s for s in diff.inline if s.op != "equal"]
    assert changes == [dele("119"), ins("119a"), ins("Alinea 119b.\n\n")]


def test_a_long_paragraph_marks_only_the_changed_word():
    """A paragraph is one line; over 200 words and spaces the same heuristic must stay off."""
    old = (
        "vragen-ter-inspiratie-voor-een-goed-gesprek] source: "
        "'startkit-in-gesprek-over-ambtelijk-vakmanschap.txt, 2, Optie 1, Mogelijke vragen: "
        "‘Hoe ga je ermee om als in gesprekken met externen wordt gevraagd naar jouw "
        "opvattingen?’' seeded_example: true --- Dit is een voorbeelddilemma. Het komt voort "
        "uit de [[Startkit: in gesprek over Ambtelijk Vakmanschap]] (de vragen op [[Vragen "
        "ter inspiratie]]). Het is een begin: collega's kunnen het verbeteren. Maak de "
        "situatie scherper, voeg een voorbeeld uit je eigen werk toe of vul de spanning aan."
    )
    new = old.replace("Maak de situatie", "Maak en situatie")
    before, after = old.split("Maak de situatie")
    assert diff_text(old, new).inline == [
        eq(before + "Maak "),
        dele("de"),
        ins("en"),
        eq(" situatie" + after),
    ]


def test_from_and_to_nothing():
    assert diff_text("", "") == TextDiff([], [])
    assert diff_text("", "Nieuw") == TextDiff([ins("Nieuw")], [Row("insert", None, [ins("Nieuw")])])
    assert diff_text("Weg", "") == TextDiff([dele("Weg")], [Row("delete", [dele("Weg")], None)])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Een.\nTwee.\nSlot.\n", "Eén.\nTwee!\nDrie.\nSlot.\n"),
        ("a\nb\nc\nd\ne\n", "a\nB\nc\nd2\nx\ny\n"),
        ("Lange regel met veel woorden.\n", "Korte regel.\nEn nog een.\n"),
    ],
)
def test_each_side_of_a_diff_reads_back_as_its_text(old, new):
    diff = diff_text(old, new)
    assert "".join(s.text for s in diff.inline if s.op != "insert") == old
    assert "".join(s.text for s in diff.inline if s.op != "delete") == new
    assert "".join(s.text for r in diff.rows if r.old for s in r.old) == old
    assert "".join(s.text for r in diff.rows if r.new for s in r.new) == new
    ops = [s.op for s in diff.inline]
    assert all(a != b for a, b in zip(ops, ops[1:], strict=False)), "neighbours are joined"


STEP = {"title": "Welkom", "minutes": 5, "variant": "kort", "description": "Voorstelronde"}


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("materials", ["flip-over", "stiften"], ["flip-over", "stiften"]),
        ("materials", None, []),
        ("principles", ["werken-vanuit-vertrouwen"], ["werken-vanuit-vertrouwen"]),
        ("principles", None, []),
        ("levels", ["advanced", "onbekend"], ["Gevorderden", "onbekend"]),
        ("levels", None, []),
        ("programme", [STEP], ["Welkom (5 min) [kort]: Voorstelronde"]),
        ("programme", [{"title": "Pauze", "minutes": 0, "variant": "", "description": ""}],
         ["Pauze"]),
        ("programme", [{"title": "Pauze"}], ["Pauze"]),
        ("programme", None, []),
        ("variants", [{"name": "Kort", "description": "In 30 minuten"}], ["Kort: In 30 minuten"]),
        ("variants", [{"name": "Lang", "description": None}, {"name": "Vrij"}],
         ["Lang:", "Vrij:"]),
        ("variants", None, []),
        ("duration", {"min": 10, "max": 20}, "10–20"),
        ("duration", {"min": 0, "max": 5}, "0–5"),
        ("duration", {"min": 10, "max": None}, "vanaf 10"),
        ("duration", {"min": 0, "max": None}, "vanaf 0"),
        ("duration", {"min": None, "max": 20}, "tot en met 20"),
        ("duration", {"min": None, "max": 0}, "tot en met 0"),
        ("duration", {"min": None, "max": None}, "niet vastgelegd"),
        ("duration", None, "niet vastgelegd"),
        ("online", True, "ja"),
        ("online", False, "nee"),
        ("online", None, "nee"),
        ("level", "beginner", "Beginners"),
        ("level", None, ""),
        ("tagline", "Hoe blijf je integer?", "Hoe blijf je integer?"),
        ("tagline", None, ""),
        ("number", 7, "7"),
        ("number", 0, "0"),
        ("day", "2026-11-30", "2026-11-30"),
    ],
)  # fmt: skip
def test_field_values_are_shown_as_a_person_reads_them(name, value, shown):
    assert display_value(FIELDS[name], value) == shown


def test_an_unchanged_state_is_an_empty_diff():
    diff = diff_states(SPEC, state(tagline="x"), state(tagline="x"))
    assert diff.empty
    assert diff.as_json() == {
        "title": None,
        "body": None,
        "fields": [],
        "tags_added": [],
        "tags_removed": [],
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Andere titel"},
        {"body": "Andere tekst.\n"},
        {"tags": ("integriteit", "team")},
        {"tags": ()},
        {"tagline": "Nieuw"},
    ],
)
def test_any_one_change_makes_the_diff_non_empty(changes):
    assert not diff_states(SPEC, state(), state(**changes)).empty


def test_a_changed_title_is_old_and_new_also_in_the_api():
    diff = diff_states(SPEC, state(title="Oud"), state(title="Nieuw"))
    assert diff.title == ("Oud", "Nieuw")
    assert diff.body is None
    assert diff.as_json()["title"] == {"old": "Oud", "new": "Nieuw"}


def test_tags_added_and_removed_keep_their_order():
    diff = diff_states(SPEC, state(tags=("a", "b", "c")), state(tags=("c", "d", "a", "e")))
    assert (diff.tags_added, diff.tags_removed) == (["d", "e"], ["b"])


def test_empty_values_of_either_shape_are_no_change():
    """None, "", [] and False all mean 'not filled in': no field change is shown."""
    old = state(tagline=None, materials=None, online=None, level=None, number=None)
    new = state(tagline="", materials=[], online=False, level="", number=None)
    assert diff_states(SPEC, old, new).fields == []


def test_a_changed_list_shows_every_item_with_its_operation():
    old = state(materials=["flip-over", "stiften", "post-its"], levels=["beginner"])
    new = state(materials=["flip-over", "markers", "post-its", "koffie"], levels=["beginner"])
    diff = diff_states(SPEC, old, new)
    assert diff.fields == [
        FieldChange(
            "materials",
            "Benodigdheden",
            ["flip-over", "stiften", "post-its"],
            ["flip-over", "markers", "post-its", "koffie"],
            text=None,
            items=[eq("flip-over"), dele("stiften"), ins("markers"), eq("post-its"), ins("koffie")],
        )
    ]


def test_a_list_filled_in_for_the_first_time_is_all_inserts():
    diff = diff_states(SPEC, state(levels=None), state(levels=["advanced", "beginner"]))
    assert diff.fields == [
        FieldChange(
            "levels",
            "Niveau",
            [],
            ["Gevorderden", "Beginners"],
            items=[ins("Gevorderden"), ins("Beginners")],
        )
    ]


def test_a_changed_value_shows_its_text_diff_and_no_items():
    old = state(duration={"min": 30, "max": 60})
    new = state(duration={"min": 45, "max": 60})
    [change] = diff_states(SPEC, old, new).fields
    assert change == FieldChange(
        "duration",
        "Tijdsduur",
        "30–60",
        "45–60",
        text=TextDiff(
            [dele("30"), ins("45"), eq("–60")],
            [Row("replace", [dele("30"), eq("–60")], [ins("45"), eq("–60")])],
        ),
        items=[],
    )


def test_changed_fields_come_in_the_kinds_order():
    old = state(number=1, tagline="a", online=False)
    new = state(online=True, number=2, tagline="b")
    assert [c.name for c in diff_states(SPEC, old, new).fields] == ["tagline", "online", "number"]


def test_the_api_json_names_every_part_and_operation():
    old = state(title="Oud", body="Een.\n", tags=("a",), materials=["x"], tagline="Vraag")
    new = state(title="Nieuw", body="Twee.\n", tags=("b",), materials=["x", "y"], tagline="Vraag?")
    assert diff_states(SPEC, old, new).as_json() == {
        "title": {"old": "Oud", "new": "Nieuw"},
        "body": {
            "inline": [
                {"op": "delete", "text": "Een"},
                {"op": "insert", "text": "Twee"},
                {"op": "equal", "text": ".\n"},
            ],
            "rows": [
                {
                    "op": "replace",
                    "old": [{"op": "delete", "text": "Een"}, {"op": "equal", "text": ".\n"}],
                    "new": [{"op": "insert", "text": "Twee"}, {"op": "equal", "text": ".\n"}],
                }
            ],
        },
        "fields": [
            {
                "name": "tagline",
                "label": "Centrale vraag",
                "old": "Vraag",
                "new": "Vraag?",
                "text": {
                    "inline": [{"op": "equal", "text": "Vraag"}, {"op": "insert", "text": "?"}],
                    "rows": [
                        {
                            "op": "replace",
                            "old": [{"op": "equal", "text": "Vraag"}],
                            "new": [
                                {"op": "equal", "text": "Vraag"},
                                {"op": "insert", "text": "?"},
                            ],
                        }
                    ],
                },
                "items": [],
            },
            {
                "name": "materials",
                "label": "Benodigdheden",
                "old": ["x"],
                "new": ["x", "y"],
                "text": None,
                "items": [{"op": "equal", "text": "x"}, {"op": "insert", "text": "y"}],
            },
        ],
        "tags_added": ["b"],
        "tags_removed": ["a"],
    }
