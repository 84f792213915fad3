"""Three-way merges of page states (services/merge.py), pure: exact states and conflicts.

"theirs" is the page's current revision, "mine" the save made on the older base. Every
kind of part is merged on one side, on both sides apart, and on both sides at the same
place; the conflicts list names exactly the parts a person must resolve.
"""

import pytest

from wiki.services.merge import MergeResult, PageState, merge_states

BODY = "Eerste alinea.\n\nTweede alinea.\n\nDerde alinea.\n"
STEPS = [
    {"title": "Welkom", "minutes": 5},
    {"title": "Dilemma bespreken", "minutes": 30},
    {"title": "Afsluiting", "minutes": 10},
]
FIELDS = {
    "tagline": "Hoe blijf je integer?",
    "purpose": "Waarom:\nom te leren.\nen te oefenen.\n",
    "duration": {"min": 30, "max": 60},
    "online": False,
    "materials": ["flip-over", "stiften", "post-its"],
    "programme": STEPS,
}
BASE = PageState("Werkvorm", BODY, FIELDS, ["integriteit", "dialoog"])


def changed(state: PageState = BASE, /, **parts) -> PageState:
    """A copy of state with some parts replaced; fields= holds only the changed fields."""
    fields = {**state.fields, **parts.pop("fields", {})}
    return PageState(
        parts.get("title", state.title),
        parts.get("body", state.body),
        fields,
        parts.get("tags", state.tags),
    )


def merge(theirs: PageState, mine: PageState, base: PageState = BASE) -> MergeResult:
    return merge_states(base, theirs, mine)


def test_nothing_changed_on_either_side_gives_the_base():
    result = merge(BASE, BASE)
    assert result.state == BASE
    assert result.conflicts == []


@pytest.mark.parametrize("side", ["theirs", "mine"])
def test_a_title_changed_on_one_side_is_kept(side):
    one = changed(title="Werkvorm voor teams")
    result = merge(one, BASE) if side == "theirs" else merge(BASE, one)
    assert result.state == one
    assert result.conflicts == []


def test_the_same_new_title_on_both_sides_is_no_conflict():
    one = changed(title="Werkvorm voor teams")
    assert merge(one, one) == MergeResult(one, [])


def test_two_different_titles_conflict_and_keep_the_current_one():
    theirs, mine = changed(title="Werkvorm A"), changed(title="Werkvorm B")
    result = merge(theirs, mine)
    assert result.conflicts == ["title"]
    assert result.state == theirs


def test_body_changes_in_different_paragraphs_are_both_kept():
    theirs = changed(body=BODY.replace("Eerste", "De eerste"))
    mine = changed(body=BODY.replace("Derde", "De derde"))
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.body == "De eerste alinea.\n\nTweede alinea.\n\nDe derde alinea.\n"


@pytest.mark.parametrize("side", ["theirs", "mine"])
def test_a_body_changed_on_one_side_is_kept(side):
    one = changed(body=BODY + "\nVierde alinea.\n")
    result = merge(one, BASE) if side == "theirs" else merge(BASE, one)
    assert result == MergeResult(one, [])


def test_body_changes_in_the_same_paragraph_conflict_and_keep_the_current_text():
    theirs = changed(body=BODY.replace("Tweede", "2e"))
    mine = changed(body=BODY.replace("Tweede", "Tweede, langere"))
    result = merge(theirs, mine)
    assert result.conflicts == ["body"]
    assert result.state.body == theirs.body


def test_the_same_body_change_on_both_sides_is_no_conflict():
    one = changed(body=BODY.replace("Tweede", "2e"))
    assert merge(one, one) == MergeResult(one, [])


def test_both_sides_adding_the_same_line_in_the_same_place_is_no_conflict():
    """merge3 reports such a region as 'same': one copy of the line, no conflict."""
    theirs = changed(body=BODY + "Slot.\n", title="Nieuwe titel")
    mine = changed(body=BODY + "Slot.\n", tags=["integriteit", "dialoog", "team"])
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state == changed(theirs, tags=["integriteit", "dialoog", "team"])


def test_a_text_field_merges_by_lines_like_the_body():
    theirs = changed(fields={"purpose": "Daarom:\nom te leren.\nen te oefenen.\n"})
    mine = changed(fields={"purpose": "Waarom:\nom te leren.\nen vaak te oefenen.\n"})
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.fields["purpose"] == "Daarom:\nom te leren.\nen vaak te oefenen.\n"


def test_changes_on_neighbouring_lines_conflict():
    """As in git: a change right next to another one is a conflict, not a guess."""
    theirs = changed(fields={"purpose": "Waarom:\nom samen te leren.\nen te oefenen.\n"})
    mine = changed(fields={"purpose": "Waarom:\nom te leren.\nen vaak te oefenen.\n"})
    assert merge(theirs, mine).conflicts == ["purpose"]


def test_a_text_field_changed_on_the_same_line_conflicts_under_its_name():
    theirs = changed(fields={"tagline": "Hoe blijf je eerlijk?"})
    mine = changed(fields={"tagline": "Hoe blijf je integer en open?"})
    result = merge(theirs, mine)
    assert result.conflicts == ["tagline"]
    assert result.state == theirs


def test_a_text_field_new_since_the_base_merges_from_empty():
    """A field the base did not have yet (a kind that gained a field) starts empty."""
    base = PageState("Werkvorm", BODY, {}, [])
    theirs = PageState("Werkvorm", BODY, {"purpose": "Regel 1.\n"}, [])
    mine = PageState("Werkvorm", BODY, {"purpose": "Regel 1.\n"}, [])
    assert merge(theirs, mine, base) == MergeResult(theirs, [])
    mine = PageState("Werkvorm", BODY, {"purpose": "Andere regel.\n"}, [])
    result = merge(theirs, mine, base)
    assert result.conflicts == ["purpose"]
    assert result.state.fields == {"purpose": "Regel 1.\n"}


@pytest.mark.parametrize("side", ["theirs", "mine"])
def test_a_field_new_since_the_base_filled_on_one_side_and_left_empty_on_the_other(side):
    base = PageState("Werkvorm", BODY, {}, [])
    filled = PageState("Werkvorm", BODY, {"purpose": "Regel 1.\n"}, [])
    empty = PageState("Werkvorm", BODY, {"purpose": ""}, [])
    result = merge(filled, empty, base) if side == "theirs" else merge(empty, filled, base)
    assert result == MergeResult(filled, [])


@pytest.mark.parametrize("side", ["theirs", "mine"])
@pytest.mark.parametrize(
    ("name", "value"),
    [("duration", {"min": 45, "max": 60}), ("online", True), ("tagline", "Nieuw")],
)
def test_a_value_changed_on_one_side_is_kept(side, name, value):
    one = changed(fields={name: value})
    result = merge(one, BASE) if side == "theirs" else merge(BASE, one)
    assert result == MergeResult(one, [])


def test_a_value_changed_differently_on_both_sides_conflicts_and_keeps_the_current_one():
    theirs = changed(fields={"duration": {"min": 45, "max": 60}})
    mine = changed(fields={"duration": {"min": 30, "max": 90}})
    result = merge(theirs, mine)
    assert result.conflicts == ["duration"]
    assert result.state.fields["duration"] == {"min": 45, "max": 60}


def test_the_same_value_on_both_sides_is_no_conflict():
    one = changed(fields={"online": True, "duration": {"min": 10, "max": 20}})
    assert merge(one, one) == MergeResult(one, [])


def test_a_field_whose_base_was_no_text_is_merged_as_a_value():
    """Text on both sides over a base that was a number: no line merge, a value conflict."""
    base = changed(fields={"tagline": 7})
    theirs, mine = changed(fields={"tagline": "Zeven"}), changed(fields={"tagline": "7 vragen"})
    result = merge(theirs, mine, base)
    assert result.conflicts == ["tagline"]
    assert result.state.fields["tagline"] == "Zeven"
    assert merge(theirs, base, base) == MergeResult(theirs, [])


def test_list_items_added_at_different_places_are_both_kept():
    theirs = changed(fields={"materials": ["pennen", "flip-over", "stiften", "post-its"]})
    mine = changed(fields={"materials": ["flip-over", "stiften", "post-its", "koffie"]})
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.fields["materials"] == [
        "pennen",
        "flip-over",
        "stiften",
        "post-its",
        "koffie",
    ]


@pytest.mark.parametrize("side", ["theirs", "mine"])
def test_a_list_changed_on_one_side_is_kept(side):
    one = changed(fields={"materials": ["flip-over"]})
    result = merge(one, BASE) if side == "theirs" else merge(BASE, one)
    assert result == MergeResult(one, [])


def test_list_items_changed_at_the_same_place_conflict_and_keep_the_current_list():
    theirs = changed(fields={"materials": ["flip-over", "markers", "post-its"]})
    mine = changed(fields={"materials": ["flip-over", "krijt", "post-its"]})
    result = merge(theirs, mine)
    assert result.conflicts == ["materials"]
    assert result.state.fields["materials"] == ["flip-over", "markers", "post-its"]


def test_a_list_new_since_the_base_merges_from_empty():
    base = PageState("W", "", {}, [])
    theirs = PageState("W", "", {"materials": ["pen"]}, [])
    mine = PageState("W", "", {"materials": ["papier"]}, [])
    result = merge(theirs, mine, base)
    assert result.conflicts == ["materials"]
    assert result.state.fields == {"materials": ["pen"]}


def test_programme_steps_merge_as_whole_items():
    """Steps are dicts: compared as canonical JSON, given back as the same dicts."""
    longer = {"title": "Dilemma bespreken", "minutes": 40}
    added = {"minutes": 5, "title": "Evaluatie"}
    theirs = changed(fields={"programme": [STEPS[0], longer, STEPS[2]]})
    mine = changed(fields={"programme": [*STEPS, added]})
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.fields["programme"] == [STEPS[0], longer, STEPS[2], added]


def test_steps_with_their_keys_in_another_order_are_the_same_steps():
    """Only mine really changed the second step; theirs stored it with other key order."""
    reordered = {"minutes": 30, "title": "Dilemma bespreken"}
    theirs = changed(fields={"programme": [STEPS[0], reordered, STEPS[2]]})
    mine = changed(fields={"programme": [STEPS[0], {**STEPS[1], "minutes": 45}, STEPS[2]]})
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.fields["programme"] == mine.fields["programme"]


def test_one_step_changed_on_both_sides_conflicts_under_the_field_name():
    theirs = changed(fields={"programme": [STEPS[0], {"title": "Bespreken", "minutes": 30}]})
    mine = changed(fields={"programme": [STEPS[0], {"title": "Dilemma", "minutes": 25}]})
    result = merge(theirs, mine)
    assert result.conflicts == ["programme"]
    assert result.state.fields["programme"] == theirs.fields["programme"]


def test_text_with_accents_survives_a_list_merge():
    theirs = changed(fields={"materials": ["één flip-over", "stiften", "post-its"]})
    mine = changed(fields={"materials": ["flip-over", "stiften", "post-its", "café"]})
    result = merge(theirs, mine)
    assert result.state.fields["materials"] == ["één flip-over", "stiften", "post-its", "café"]


def test_several_conflicts_are_named_in_a_fixed_order():
    """Title, body, then the fields in the current revision's order."""
    theirs = changed(
        title="A",
        body="Andere tekst.\n",
        fields={"tagline": "X", "duration": {"min": 1, "max": 2}, "materials": ["a"]},
    )
    mine = changed(
        title="B",
        body="Weer andere tekst.\n",
        fields={"tagline": "Y", "duration": {"min": 3, "max": 4}, "materials": ["b"]},
    )
    result = merge(theirs, mine)
    assert result.conflicts == ["title", "body", "tagline", "duration", "materials"]
    assert result.state == theirs


def test_a_field_only_one_side_has_is_kept():
    theirs = changed(fields={"levels": ["beginner"]})
    mine = changed(fields={"settings": ["online"]})
    result = merge(theirs, mine)
    assert result.conflicts == []
    assert result.state.fields == {**FIELDS, "levels": ["beginner"], "settings": ["online"]}
    assert list(result.state.fields)[-2:] == ["levels", "settings"]


@pytest.mark.parametrize(
    ("theirs", "mine", "merged"),
    [
        # Both kept every tag: nothing is lost.
        (["integriteit", "dialoog"], ["integriteit", "dialoog"], ["integriteit", "dialoog"]),
        # Added on one side, on the other, on both.
        (["integriteit", "dialoog", "team"], ["integriteit", "dialoog"],
         ["integriteit", "dialoog", "team"]),
        (["integriteit", "dialoog"], ["integriteit", "dialoog", "team"],
         ["integriteit", "dialoog", "team"]),
        (["integriteit", "dialoog", "team"], ["integriteit", "dialoog", "leiding"],
         ["integriteit", "dialoog", "team", "leiding"]),
        (["integriteit", "dialoog", "team"], ["integriteit", "team", "dialoog"],
         ["integriteit", "dialoog", "team"]),
        # Removed on one side, on the other.
        (["dialoog"], ["integriteit", "dialoog"], ["dialoog"]),
        (["integriteit", "dialoog"], ["dialoog"], ["dialoog"]),
        # Removed on one side while the other added one.
        (["dialoog", "team"], ["integriteit", "leiding"], ["team", "leiding"]),
        # Both removed the same tag.
        (["dialoog"], ["dialoog"], ["dialoog"]),
    ],
)  # fmt: skip
def test_tags_merge_as_sets_in_the_current_order(theirs, mine, merged):
    result = merge(changed(tags=theirs), changed(tags=mine))
    assert result.state.tags == merged
    assert result.conflicts == []


def test_the_merge_changes_none_of_its_inputs():
    theirs = changed(fields={"materials": ["pennen", "flip-over", "stiften", "post-its"]})
    mine = changed(fields={"materials": ["flip-over", "stiften", "post-its", "koffie"]})
    before = (repr(BASE), repr(theirs), repr(mine))
    merge(theirs, mine)
    assert (repr(BASE), repr(theirs), repr(mine)) == before
