"""Slugs and folded keys derived from Dutch titles and tags."""

import re
import unicodedata

APOSTROPHES = "'’‘´`"
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case text and strip diacritics: "Casuïstiek" → "casuistiek"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(title: str) -> str:
    """Make a URL slug: "Dansende Dilemma's" → "dansende-dilemmas"."""
    text = fold(title)
    for mark in APOSTROPHES:
        text = text.replace(mark, "")
    return _NON_WORD.sub("-", text).strip("-")[:200]
