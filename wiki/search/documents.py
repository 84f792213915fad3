"""Turn a page's current revision into a search document by reading its KindSpec.

Nothing here is specific to one kind: markdown, text, lines, steps and variants fields go
into the content; a kind's `search_fields` get fields of their own; references become
facets named after the kind they point to (a page also counts under its own slug, so
filtering on a principle finds the principle too); choices and ranges become the
werkvorm facts that filters use.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from wiki.kinds import KINDS, KindSpec
from wiki.search.analysis import fold_phrase

TEXT_TYPES = ("text", "markdown", "lines", "steps", "variants")
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+|-{3,}\s*$)|\*\*|__|`")


@dataclass(frozen=True)
class PageSource:
    """The plain data of a visible page that the index needs."""

    id: int
    revision_id: int
    kind: str
    slug: str
    title: str
    body: str
    fields: dict
    tags: list[str]
    # Folded tag keys (Tag.key), the values of the tag facet.
    tag_keys: list[str] = field(default_factory=list)
    updated_at: datetime | None = None
    # Titles of referenced pages by slug, for the "<kind>_names" fields.
    ref_titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexLayout:
    """The index fields every kind together needs, derived from KINDS."""

    own_fields: tuple[str, ...]
    ref_kinds: tuple[str, ...]
    choice_fields: tuple[str, ...]
    range_fields: tuple[str, ...]


def layout(kinds: dict[str, KindSpec] = KINDS) -> IndexLayout:
    """Return the field layout for kinds."""
    own, refs, choices, ranges = [], list(kinds), [], []
    for spec in kinds.values():
        own += [name for name in spec.search_fields if name not in own]
        for f in spec.fields:
            if f.type == "refs" and f.ref_kind not in refs:
                refs.append(f.ref_kind)
            elif f.type == "choices" and f.name not in choices:
                choices.append(f.name)
            elif f.type == "range" and f.name not in ranges:
                ranges.append(f.name)
    return IndexLayout(tuple(own), tuple(refs), tuple(choices), tuple(ranges))


def plain_text(markdown: str) -> str:
    """Return markdown as readable plain text: link labels kept, markup dropped."""
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), markdown or "")
    text = _LINK.sub(r"\1", text)
    return _MARKUP.sub("", text)


def field_text(value, type_: str) -> list[str]:
    """Return the plain-text pieces of one structured field value."""
    if not value:
        return []
    if type_ in ("text", "markdown"):
        return [plain_text(str(value))]
    if type_ == "lines":
        return [str(item) for item in value]
    key = "title" if type_ == "steps" else "name"
    pieces = []
    for item in value:
        pieces += [str(item.get(key) or ""), plain_text(item.get("description") or "")]
    return [piece for piece in pieces if piece]


def readable_text(kind: str, body: str, fields: dict) -> str:
    """Return a page's readable text (body and text fields), the part snippets come from."""
    spec = KINDS[kind]
    pieces = [plain_text(body)]
    for f in spec.fields:
        if f.type in TEXT_TYPES and f.name not in spec.search_fields:
            pieces += field_text(fields.get(f.name), f.type)
    return "\n\n".join(piece.strip() for piece in pieces if piece.strip())


def page_text(source: PageSource) -> str:
    """Return the page's readable text, the part snippets are taken from."""
    return readable_text(source.kind, source.body, source.fields)


def document(source: PageSource) -> dict:
    """Return the engine-neutral search document of a page."""
    spec = KINDS[source.kind]
    refs: dict[str, list[str]] = {source.kind: [source.slug]}
    choices: dict[str, list[str]] = {}
    ranges: dict[str, dict] = {}
    for f in spec.fields:
        value = source.fields.get(f.name)
        if f.type == "refs":
            refs.setdefault(f.ref_kind, []).extend(value or [])
        elif f.type == "choices":
            choices[f.name] = list(value or [])
        elif f.type == "range":
            ranges[f.name] = dict(value or {})
    return {
        "page_id": source.id,
        "revision_id": source.revision_id,
        "slug": source.slug,
        "kind": source.kind,
        "kind_label": f"{spec.label} {spec.plural}",
        "title": source.title,
        "title_exact": fold_phrase(source.title),
        "tags": list(source.tags),
        "tag_keys": list(source.tag_keys),
        "content": page_text(source),
        "own": {
            name: "\n".join(field_text(source.fields.get(name), spec.get_field(name).type))
            for name in spec.search_fields
        },
        "refs": {kind: list(dict.fromkeys(slugs)) for kind, slugs in refs.items()},
        "ref_titles": {
            kind: [source.ref_titles[s] for s in slugs if s in source.ref_titles]
            for kind, slugs in refs.items()
            if kind != source.kind
        },
        "choices": choices,
        "ranges": ranges,
    }
