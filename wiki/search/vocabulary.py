"""The domain vocabulary: synonyms (query time) and word forms (index and query time).

Moderators own it as a wiki page (`SEARCH_VOCABULARY_PAGE`, seeded from
seed/pages/guide/zoekwoordenlijst.md), so it has history, diffs and revert like every
page. The page is ordinary markdown: list items under a heading "Synoniemen" are
synonym groups, list items under "Woordvormen" map a word onto the word it counts as;
every other line is explanation for the reader:

    ## Synoniemen
    - leidinggevende, manager, chef

    ## Woordvormen
    - dilemmas → dilemma
    - dienstbaarheid → dienstbaarheid   (a word that maps to itself stays whole)

A search index generation is built with one revision of this page and keeps it (see
whoosh_backend), so index and queries always use the same word forms.
"""

import re
from dataclasses import dataclass, field

from wiki.search.analysis import fold_phrase

SYNONYMS_HEADING = "synoniemen"
FORMS_HEADING = "woordvormen"
# Written by hand as ->, typed as → by some keyboards, or as =.
ARROW = re.compile(r"\s*(?:→|->|=>|=)\s*")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
# Two or more members; a lone word would be a group of one.
MIN_GROUP = 2


class VocabularyError(ValueError):
    """Vocabulary text that cannot be read; the message says where, in Dutch."""


@dataclass(frozen=True)
class Vocabulary:
    """Synonym groups by member, and word forms, all keyed by folded words."""

    # Folded word or phrase → the other members of its group (original spelling).
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Folded word → folded word it counts as; a word mapped to itself stays whole.
    stem_overrides: dict[str, str] = field(default_factory=dict)

    def longest_phrase(self) -> int:
        """Return the most words any synonym key has."""
        return max((len(key.split()) for key in self.synonyms), default=1)


EMPTY = Vocabulary()


@dataclass(frozen=True)
class VocabularySource:
    """One revision of the vocabulary page (or none): what an index generation keeps."""

    revision_id: int | None = None
    text: str = ""

    def parse(self) -> Vocabulary:
        """Return the vocabulary in text (empty when there is no page)."""
        return parse_vocabulary(self.text) if self.text.strip() else EMPTY


def _clean(word: str) -> str:
    # Markdown a person may add around a word: `code`, *emphasis*, quotes.
    return word.strip().strip("`*_\"'“”‘’").strip()


def parse_vocabulary(text: str) -> Vocabulary:
    """Read the vocabulary page's markdown; raise VocabularyError naming the line."""
    synonyms: dict[str, tuple[str, ...]] = {}
    forms: dict[str, str] = {}
    section, headings = None, set()
    for number, line in enumerate(text.splitlines(), start=1):
        heading = HEADING.match(line)
        if heading:
            name = fold_phrase(heading.group(1))
            section = next((h for h in (SYNONYMS_HEADING, FORMS_HEADING) if h in name), None)
            headings.add(section)
            continue
        item = ITEM.match(line)
        if item is None or section is None:
            continue
        if section == SYNONYMS_HEADING:
            _add_group(synonyms, item.group(1), number)
        else:
            word, target = _read_form(item.group(1), number)
            forms[word] = target
    if not headings - {None}:
        raise VocabularyError(
            "De zoekwoordenlijst heeft een kop 'Synoniemen' of 'Woordvormen' nodig, "
            "met daaronder een lijst."
        )
    return Vocabulary(synonyms=synonyms, stem_overrides=forms)


def _add_group(synonyms: dict[str, tuple[str, ...]], item: str, number: int) -> None:
    members = [_clean(member) for member in item.split(",")]
    members = [member for member in members if fold_phrase(member)]
    if len(members) < MIN_GROUP:
        raise VocabularyError(
            f"Regel {number}: een groep synoniemen heeft twee of meer woorden, "
            "gescheiden door komma's (bijvoorbeeld 'leidinggevende, manager')."
        )
    for member in members:
        key = fold_phrase(member)
        others = tuple(m for m in members if fold_phrase(m) != key)
        synonyms[key] = tuple(dict.fromkeys(synonyms.get(key, ()) + others))


def _read_form(item: str, number: int) -> tuple[str, str]:
    sides = [fold_phrase(_clean(side)) for side in ARROW.split(item.split("(")[0])]
    if len(sides) != 2 or not all(sides):
        raise VocabularyError(
            f"Regel {number}: schrijf een woordvorm als 'woord → telt als', "
            "bijvoorbeeld 'dilemmas → dilemma'."
        )
    for side in sides:
        if " " in side:
            raise VocabularyError(
                f"Regel {number}: '{side}' is meer dan één woord; een woordvorm geldt "
                "voor één woord."
            )
    return sides[0], sides[1]
