"""Seed fidelity: nothing the source documents say was lost on the way to the seed.

The five documents in seed/sources/ are parsed (not copied into expected lists) for
every behaviour example, every programme step with its minutes, every group size and
duration and every question of the inspiration menu; each must be in the seed pages.
Texts are compared on a key that ignores whitespace (so line breaks and hyphenation the
extraction left without a hyphen do not matter), apostrophe and quote variants and
markdown punctuation; seed/corrections.yml is applied to the source text first.
No database: the seed files are read with read_seed().
"""

import copy
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pytest
import yaml

from wiki.config import PROJECT_ROOT
from wiki.services.seed import SeedPage, read_seed
from wiki.services.slugs import slugify

SOURCES = PROJECT_ROOT / "seed" / "sources"
CARDS = "gesprekskaarten-gedrag-op-de-werkvloer.txt"
STARTKIT = "startkit-in-gesprek-over-ambtelijk-vakmanschap.txt"
WERKVORMEN = {  # werkvorm document -> the method page holding its programme
    "werkvorm-model-van-de-ambtenaar.txt": "model-van-de-ambtenaar",
    "werkvorm-langs-de-lijn.txt": "langs-de-lijn-van-ambtelijk-vakmanschap",
    "werkvorm-dansende-dilemmas.txt": "dansende-dilemmas",
}
STARTKIT_FORMATS = {  # conversation format -> (method page, the page's variant for it)
    "Optie 1": ("vragen-ter-inspiratie-voor-een-goed-gesprek", None),
    "Optie 2": ("verhalen-en-beelden-uit-de-praktijk", None),
    "Optie 3": ("model-van-de-ambtenaar", "Startkit-gesprek"),
}
FIGURE_PAGES = {  # document -> the method pages whose duration and group size it sets
    **{document: [slug] for document, slug in WERKVORMEN.items()},
    STARTKIT: [slug for slug, variant in STARTKIT_FORMATS.values() if variant is None],
}

# --- normalisation -----------------------------------------------------------------

VARIANTS = str.maketrans("’‘´`“”„–—−", "''''\"\"\"---")
MARKDOWN = [
    (re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]"), r"\1"),  # wiki link -> its text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # markdown link -> its text
    (re.compile(r"(?m)^\s*(?:[-*+•o]|\d+[.)])\s+"), ""),  # list markers
    (re.compile(r"[*_<>\ufffd\u00ad]|\s+"), ""),  # emphasis, autolinks, junk, whitespace
]


def key(text: str) -> str:
    """Return the comparison key of text: its characters without layout."""
    text = unicodedata.normalize("NFC", text).translate(VARIANTS)
    for pattern, replacement in MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


@cache
def corrections() -> list[dict]:
    return yaml.safe_load((PROJECT_ROOT / "seed" / "corrections.yml").read_text("utf-8"))


def source_key(text: str, document: str) -> str:
    """Return the key of a source passage with the document's typo corrections applied."""
    result = key(text)
    for entry in corrections():
        if entry["document"] == document:
            result = result.replace(key(entry["original"]), key(entry["corrected"]))
    return result


@cache
def lines(document: str) -> list[str]:
    return (SOURCES / document).read_text("utf-8").replace("\ufffd", "").splitlines()


def bullets(block: list[str], marker: str) -> list[str]:
    """Return the bullet items of block, each joined with its continuation lines."""
    items: list[str] = []
    for line in map(str.strip, block):
        if line.startswith(marker + " "):
            items.append(line[len(marker) :].strip())
        elif line and items:  # the extraction breaks items, even with blank lines between
            items[-1] += " " + line
    return items


def seed_pages() -> dict[str, SeedPage]:
    return {page.slug: page for page in read_seed(PROJECT_ROOT / "seed" / "pages")}


# --- behaviour examples of the cards -----------------------------------------------


@dataclass
class Card:
    title: str
    values: list[str]
    behaviours: list[str]
    leader_behaviours: list[str]


def parse_cards() -> list[Card]:
    """Parse the principle cards: heading "Werken vanuit …", values line, two lists."""
    text = lines(CARDS)
    starts = [i for i, line in enumerate(text) if re.fullmatch(r"Werken vanuit \w.*", line.strip())]
    cards = []
    for start, end in zip(starts, starts[1:] + [len(text)], strict=True):
        block = text[start:end]
        own = next(i for i, line in enumerate(block) if "Welk gedrag past hierbij?" in line)
        lead = next(i for i, line in enumerate(block) if "Specifiek voor leidinggevenden" in line)
        values = re.split(r",\s*|\s+en\s+", block[1].strip())
        own_list, lead_list = bullets(block[own:lead], "-"), bullets(block[lead:], "-")
        cards.append(Card(block[0].strip(), values, own_list, lead_list))
    return cards


def missing_behaviours(cards: list[Card], pages: dict[str, SeedPage]) -> list[tuple[str, str, str]]:
    """Return (principle, field, example) for each card example not on its principle page."""
    missing = []
    for card in cards:
        page = pages.get(slugify(card.title))
        lists = {"behaviours": card.behaviours, "leader_behaviours": card.leader_behaviours}
        for field, examples in lists.items():
            seeded = [key(item) for item in (page.fields.get(field) or [])] if page else []
            for example in examples:
                if not any(source_key(example, CARDS) in item for item in seeded):
                    missing.append((card.title, field, example))
    return missing


# --- programme steps with minutes --------------------------------------------------

MINUTES = re.compile(r"^(.*?)\s*(\d+)\s?min\b")


@dataclass(frozen=True)
class Step:
    document: str
    slug: str
    text: str  # the step's title, with the rest of its text in the startkit's tables
    minutes: int
    variant: str | None  # the variant it belongs to; None = every variant of the document
    variants: tuple[str, ...] = ()  # the document's variants


def werkvorm_steps(document: str) -> list[Step]:
    """Parse the Programma section of a werkvorm: "Starter 10min" lines, per variant."""
    text = lines(document)
    start = next(i for i, line in enumerate(text) if line.strip() == "Programma")
    section = text[start : next(i for i, line in enumerate(text) if line.startswith("Tijdsduur"))]
    units: list[str] = []
    for line in filter(None, map(str.strip, section)):
        if units and line[0].islower():  # a continuation line of a broken sentence
            units[-1] += " " + line
        else:
            units.append(line)
    found, variant = [], None
    for unit in units:
        if re.fullmatch(r"Variant \d.*", unit):
            variant = unit
        elif match := MINUTES.match(unit):
            found.append((match[1].removeprefix("- "), int(match[2]), variant))
    labels = tuple(dict.fromkeys(v for _, _, v in found if v))
    return [Step(document, WERKVORMEN[document], t, m, v, labels) for t, m, v in found]


def startkit_steps() -> list[Step]:
    """Parse the startkit's "Onderdeel Tijd" tables; a row's minutes may stand apart."""
    found, option, pending, in_table = [], None, [], False
    for line in map(str.strip, lines(STARTKIT)):
        if match := re.match(r"(Optie \d):", line):
            option = match[1]
        elif line == "Onderdeel Tijd":
            in_table = True
        elif line.startswith("Stap 2"):
            in_table = False
        elif in_table and line:
            match = MINUTES.fullmatch(line) or re.fullmatch(r"()(\d+) min", line)
            if not match:  # tables end a title with ':' where the page splits title and text
                pending.append(line.removesuffix(":"))
                continue
            slug, variant = STARTKIT_FORMATS[option]
            text = " ".join(pending + [match[1]]).strip()
            found.append(Step(STARTKIT, slug, text, int(match[2]), variant))
            pending = []
    return found


def step_matches(step: Step, seeded: dict) -> bool:
    """Tell whether a seeded step has the minutes and text of a source step."""
    text, title = source_key(step.text, step.document), key(seeded.get("title") or "")
    description = key(seeded.get("description") or "")
    # The title holds the source text, the description does, or the title starts it and
    # the description holds the rest.
    split = bool(title) and text.startswith(title) and text[len(title) :] in description
    return seeded.get("minutes") == step.minutes and (text in title or text in description or split)


def step_is_seeded(step: Step, programme: list[dict]) -> bool:
    def in_variant(seeded: dict, variant: str | None) -> bool:
        if variant is None:
            return seeded.get("variant") is None
        return key(seeded.get("variant") or "").startswith(key(variant))

    def found(variant: str | None) -> bool:
        return any(step_matches(step, s) and in_variant(s, variant) for s in programme)

    if step.variant:
        return found(step.variant)
    # A step common to all variants is one step, or repeated in every variant.
    return found(None) or bool(step.variants) and all(found(v) for v in step.variants)


def missing_steps(steps: list[Step], pages: dict[str, SeedPage]) -> list[Step]:
    return [s for s in steps if not step_is_seeded(s, pages[s.slug].fields.get("programme") or [])]


def all_steps() -> list[Step]:
    return [step for document in WERKVORMEN for step in werkvorm_steps(document)] + startkit_steps()


# --- group sizes and durations -----------------------------------------------------


def hours(text: str) -> int:
    return round(60 * float(text.replace(",", ".")))


FIGURES = [  # (field, pattern, its (min, max) from the matched numbers)
    ("duration", r"(\d+) – (\d+) minuten", lambda a, b: (int(a), int(b))),
    ("duration", r"([\d,]+) (?:tot|[–-]) ([\d,]+) uur", lambda a, b: (hours(a), hours(b))),
    ("duration", r"in ieder geval (\d+) minuten", lambda a: (int(a), None)),
    ("duration", r"(\d+) uur en (\d+) minuten", lambda h, m: (60 * int(h) + int(m),) * 2),
    ("group_size", r"Groepsgrootte (\d+) [–-] (\d+)", lambda a, b: (int(a), int(b))),
    ("group_size", r"Maximale groepsgrootte (\d+)", lambda n: (None, int(n))),
    ("group_size", r"in totaal (\d+) deelnemers", lambda n: (int(n),) * 2),
]


def parse_figures(document: str) -> list[tuple[str, tuple]]:
    """Return (field, (min, max)) for every duration and group size the document states."""
    text = " ".join(" ".join(lines(document)).split())
    return [
        (field, convert(*match.groups()))
        for field, pattern, convert in FIGURES
        for match in re.finditer(pattern, text)
    ]


def wrong_figures(pages: dict[str, SeedPage]) -> list[tuple[str, str, tuple, dict]]:
    """Return (page, field, source figure, seeded field) for each figure not seeded."""
    wrong = []
    for document, slugs in FIGURE_PAGES.items():
        for field, (low, high) in parse_figures(document):
            for slug in slugs:
                seeded = pages[slug].fields.get(field) or {}
                if (seeded.get("min"), seeded.get("max")) != (low, high):
                    wrong.append((slug, field, (low, high), seeded))
    return wrong


# --- the inspiration menu ----------------------------------------------------------


def inspiration_menu() -> tuple[str, list[str], list[str]]:
    """Return the startkit's core question, its themes and its possible questions."""
    text = [line.strip() for line in lines(STARTKIT)]
    core, more = text.index("Kernvraag"), text.index("Mogelijke vragen")
    end = next(i for i in range(more, len(text)) if text[i].startswith("Stap 2"))
    first_bullet = next(i for i in range(core, more) if text[i].startswith("− "))
    core_question = " ".join(text[core + 1 : first_bullet])
    return core_question, bullets(text[core:more], "−"), bullets(text[more:end], "−")


def page_text(page: SeedPage) -> str:
    """Return the title, body and every string in the fields of a page."""

    def strings(value) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    return "\n".join([page.title, page.body, *strings(page.fields)])


def missing_questions(questions: list[str], pages: dict[str, SeedPage]) -> list[str]:
    seeded = [key(page_text(page)) for page in pages.values()]
    return [q for q in questions if not any(source_key(q, STARTKIT) in text for text in seeded)]


# --- the tests ---------------------------------------------------------------------


# --- the principles a werkvorm works with -------------------------------------------


def principle_slugs() -> set[str]:
    return {slugify(card.title) for card in parse_cards()}


def werkvorm_principle_gaps(pages: dict[str, SeedPage]) -> list[tuple[str, str]]:
    """Return (werkvorm, principle) pairs its documents or dilemmas call for but it lacks.

    A werkvorm whose own document works with "een principe" of the Gids (participants
    pick any of them), or that is the cards themselves, works with all seven. And a
    werkvorm works with every principle of the example dilemmas that name it under
    "Bespreek met de werkvorm".
    """
    wanted: dict[str, set[str]] = {}
    for page in pages.values():
        if page.kind != "method":
            continue
        documents = {source["document"] for source in page.sources}
        own = [d for d in documents if WERKVORMEN.get(d) == page.slug or d == CARDS]
        if any(d == CARDS or re.search(r"\bprincipe\b", " ".join(lines(d))) for d in own):
            wanted.setdefault(page.slug, set()).update(principle_slugs())
    for page in pages.values():
        if page.kind == "dilemma":
            for method in page.fields.get("methods") or []:
                wanted.setdefault(method, set()).update(page.fields["principles"])
    return sorted(
        (slug, principle)
        for slug, principles in wanted.items()
        for principle in principles - set(pages[slug].fields.get("principles") or [])
    )


def test_every_correction_fixes_text_that_is_in_its_source():
    for entry in corrections():
        document_key = key("\n".join(lines(entry["document"])))
        assert key(entry["original"]) in document_key, entry


def test_every_card_principle_has_its_page_with_its_values():
    cards, pages = parse_cards(), seed_pages()
    assert len(cards) == 7
    for card in cards:
        page = pages[slugify(card.title)]
        assert [key(value) for value in page.fields["values"]] == list(map(key, card.values))


def test_every_behaviour_example_of_the_cards_is_on_its_principle_page():
    cards = parse_cards()
    # A broken parser must not pass vacuously.
    assert all(len(c.behaviours) >= 3 and len(c.leader_behaviours) >= 3 for c in cards)
    assert sum(len(c.behaviours) + len(c.leader_behaviours) for c in cards) >= 90
    assert missing_behaviours(cards, seed_pages()) == []


def test_every_programme_step_with_minutes_is_on_its_method_page():
    steps = all_steps()
    # Every document has steps with minutes; the startkit's three formats five each.
    assert {s.document for s in steps} == {*WERKVORMEN, STARTKIT}
    assert len([s for s in steps if s.document == STARTKIT]) == 15
    assert missing_steps(steps, seed_pages()) == []


def test_every_group_size_and_duration_matches_the_method_fields():
    for document in FIGURE_PAGES:  # each document states one duration and one group size
        fields = sorted(field for field, _ in parse_figures(document))
        assert fields == ["duration", "group_size"], document
    assert wrong_figures(seed_pages()) == []


def test_every_question_of_the_inspiration_menu_is_on_a_seeded_page():
    core, themes, questions = inspiration_menu()
    assert core.startswith("Wat versta je onder ambtelijk vakmanschap?")
    assert len(themes) == 6 and len(questions) >= 20
    pages = seed_pages()
    assert missing_questions([core, *themes, *questions], pages) == []
    # The one-word themes could be anywhere: they must also stand together, in order.
    assert any(source_key(" ".join(themes), STARTKIT) in key(page_text(p)) for p in pages.values())


# Negative controls: the checks above report what is missing.


def test_a_dropped_behaviour_example_is_reported_missing():
    pages = copy.deepcopy(seed_pages())
    dropped = pages["werken-vanuit-legitimiteit"].fields["leader_behaviours"].pop(2)
    missing = missing_behaviours(parse_cards(), pages)
    assert [m[:2] for m in missing] == [("Werken vanuit legitimiteit", "leader_behaviours")]
    assert source_key(missing[0][2], CARDS) == key(dropped)


@pytest.mark.parametrize(
    "slug, title, variant",
    [
        ("model-van-de-ambtenaar", "Starter", "Variant 1 (beginners, kennismaking)"),
        ("vragen-ter-inspiratie-voor-een-goed-gesprek", "Voorstellen deelnemers", None),
    ],
)
def test_a_step_with_changed_minutes_is_reported_missing(slug, title, variant):
    pages = copy.deepcopy(seed_pages())
    programme = pages[slug].fields["programme"]
    [step] = [s for s in programme if s["title"] == title and s["variant"] == variant]
    assert step["minutes"] == 10
    step["minutes"] = 11
    missing = missing_steps(all_steps(), pages)
    assert [(s.slug, s.minutes) for s in missing] == [(slug, 10)]
    assert missing[0].text.startswith(title)


def test_a_changed_group_size_is_reported_wrong():
    pages = copy.deepcopy(seed_pages())
    slug = "langs-de-lijn-van-ambtelijk-vakmanschap"
    pages[slug].fields["group_size"]["max"] = 40
    assert [w[:3] for w in wrong_figures(pages)] == [(slug, "group_size", (12, 50))]


def test_a_dropped_inspiration_question_is_reported_missing():
    question = "Hoe ontwikkelen we ons ambtelijk vakmanschap?"
    pages = copy.deepcopy(seed_pages())
    for page in pages.values():  # drop it wherever it is seeded
        page.body = page.body.replace(question, "")
    core, themes, questions = inspiration_menu()
    assert missing_questions([core, *themes, *questions], pages) == [question]


def test_every_werkvorm_links_the_principles_its_documents_and_dilemmas_name():
    pages = seed_pages()
    assert werkvorm_principle_gaps(pages) == []
    methods = [page for page in pages.values() if page.kind == "method"]
    assert all(page.fields.get("principles") for page in methods), "a werkvorm without principles"
    assert {p for page in methods for p in page.fields["principles"]} <= principle_slugs()


def test_a_werkvorm_that_drops_a_principle_is_reported():
    pages = copy.deepcopy(seed_pages())
    pages["model-van-de-ambtenaar"].fields["principles"].remove("werken-vanuit-vertrouwen")
    pages["langs-de-lijn-van-ambtelijk-vakmanschap"].fields["principles"].remove(
        "werken-vanuit-dienstbaarheid"
    )
    assert werkvorm_principle_gaps(pages) == [
        ("langs-de-lijn-van-ambtelijk-vakmanschap", "werken-vanuit-dienstbaarheid"),
        ("model-van-de-ambtenaar", "werken-vanuit-vertrouwen"),
    ]
