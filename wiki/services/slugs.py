"""Slugs and folded keys derived from Dutch titles and tags."""

import re
import unicodedata

from slugify import slugify as _transliterate

APOSTROPHES = "'’‘´`"
_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 200


def fold(text: str) -> str:
    """Lower-case text and strip diacritics: "Casuïstiek" → "casuistiek"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(title: str) -> str:
    """Make a URL slug: "Dansende Dilemma's" → "dansende-dilemmas".

    python-slugify transliterates letters that do not decompose, so "Ørsted en Æsop"
    becomes "orsted-en-aesop" (not "rsted-en-sop"). Apostrophes go without a dash.
    """
    text = title
    for mark in APOSTROPHES:
        text = text.replace(mark, "")
    return _transliterate(text, max_length=MAX_SLUG, word_boundary=False)


def legacy_slugify(title: str) -> str:
    """Return the slug the wiki made before transliteration, for pages made back then."""
    text = fold(title)
    for mark in APOSTROPHES:
        text = text.replace(mark, "")
    return _NON_WORD.sub("-", text).strip("-")[:MAX_SLUG]
