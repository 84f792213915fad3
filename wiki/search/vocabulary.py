"""The domain vocabulary: synonyms (query time) and stem overrides (index and query time).

The loader reads YAML text, so a later change can read it from a wiki page instead of
the file shipped here.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).with_name("vocabulary.yml")


class VocabularyError(ValueError):
    """Vocabulary text that cannot be read; the message says where."""


@dataclass(frozen=True)
class Vocabulary:
    """Synonym groups by member, and stem overrides, all keyed by folded words."""

    # Folded word or phrase → the other members of its group (original spelling).
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Folded word → folded word it counts as; a word mapped to itself stays whole.
    stem_overrides: dict[str, str] = field(default_factory=dict)

    def longest_phrase(self) -> int:
        """Return the most words any synonym key has."""
        return max((len(key.split()) for key in self.synonyms), default=1)


def parse_vocabulary(text: str, *, fold) -> Vocabulary:
    """Parse vocabulary YAML; fold turns a word or phrase into its comparison key."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise VocabularyError(f"De woordenlijst is geen geldige YAML: {error}") from None
    if not isinstance(data, dict):
        raise VocabularyError("De woordenlijst moet 'synonyms' en 'stem_overrides' bevatten.")
    synonyms: dict[str, tuple[str, ...]] = {}
    for number, group in enumerate(data.get("synonyms") or [], start=1):
        if not isinstance(group, list) or len(group) < 2:
            raise VocabularyError(f"Synoniemgroep {number} moet twee of meer woorden hebben.")
        members = [str(member).strip() for member in group if str(member).strip()]
        for member in members:
            others = tuple(m for m in members if m != member)
            key = fold(member)
            synonyms[key] = tuple(dict.fromkeys(synonyms.get(key, ()) + others))
    overrides = data.get("stem_overrides") or {}
    if not isinstance(overrides, dict):
        raise VocabularyError("'stem_overrides' moet woorden op woorden afbeelden.")
    stems = {fold(str(word)): fold(str(target)) for word, target in overrides.items()}
    return Vocabulary(synonyms=synonyms, stem_overrides=stems)


@cache
def default_vocabulary() -> Vocabulary:
    """Return the vocabulary shipped with the code (read once per process)."""
    from wiki.search.analysis import fold_phrase

    return parse_vocabulary(DEFAULT_PATH.read_text(encoding="utf-8"), fold=fold_phrase)
