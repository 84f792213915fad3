"""Read what a person typed: quoted phrases, free words, and werkvorm facts in plain Dutch.

"werkvorm 20 deelnemers een uur" reads as: werkvormen that suit 20 people and fit in 60
minutes, with no words left to match. Filters chosen in the form win over facts read
from the text. Each fact read is named in `Query.hints`, so the page can say so.
"""

import re
from dataclasses import replace

from wiki.kinds import KINDS
from wiki.search import Filters, Query
from wiki.search.analysis import fold, normalise, query_words

MAX_QUERY = 200
_PHRASE = re.compile(r'["“”„](.+?)["“”„]')
NUMBERS = {
    "een": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "twaalf": 12, "vijftien": 15, "twintig": 20,
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "half": 0.5, "anderhalf": 1.5,
}  # fmt: skip
PEOPLE = {"deelnemer", "deelnemers", "persoon", "personen", "mensen", "collega", "collegas"}
MINUTES = {"min", "minuut", "minuten"}
HOURS = {"uur", "uren"}
QUARTERS = {"kwartier"}


def _number(word: str) -> float | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _method_words() -> set[str]:
    spec = KINDS["method"]
    return {fold(spec.label), fold(spec.plural)}


def read_query(
    text: str, filters: Filters | None = None, *, page: int = 1, per_page: int = 10
) -> Query:
    """Return the query text means, with filters applied on top of what it says."""
    filters = filters or Filters()
    text = " ".join(normalise(text or "").split())[:MAX_QUERY]
    phrases = tuple(p.strip() for p in _PHRASE.findall(text) if p.strip())
    rest = _PHRASE.sub(" ", text)
    words = query_words(rest)
    folded = [fold(word) for word in words]
    facts: dict[str, int] = {}
    used: set[int] = set()
    for i in range(len(words) - 1):
        number, unit = _number(folded[i]), folded[i + 1]
        if number is None or i in used:
            continue
        if unit in PEOPLE and number >= 1:
            facts["people"] = int(number)
        elif unit in MINUTES:
            facts["minutes"] = int(number)
        elif unit in HOURS:
            facts["minutes"] = int(number * 60)
        elif unit in QUARTERS:
            facts["minutes"] = int(number * 15)
        else:
            continue
        used.update((i, i + 1))
    if facts:
        used.update(i for i, word in enumerate(folded) if word in _method_words())
        chosen = {k: v for k, v in facts.items() if getattr(filters, k) is None}
        filters = replace(filters, **chosen)
    hints = []
    if "people" in facts:
        hints.append(f"voor {facts['people']} deelnemers")
    if "minutes" in facts:
        hints.append(f"die in {facts['minutes']} minuten passen")
    return Query(
        text=text,
        words=tuple(word for i, word in enumerate(words) if i not in used),
        phrases=phrases,
        filters=filters,
        hints=tuple(hints),
        page=max(1, page),
        per_page=per_page,
    )
