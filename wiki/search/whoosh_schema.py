"""The Whoosh schema, derived from the kinds, and the mapping of documents onto it."""

from collections.abc import Iterable

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from wiki.search.analysis import prefix_analyzer, spelling_analyzer, text_analyzer
from wiki.search.documents import IndexLayout
from wiki.search.vocabulary import Vocabulary
from wiki.search.whoosh_query import UNBOUNDED


def build_schema(vocabulary: Vocabulary, fields: IndexLayout) -> Schema:
    """Return the index schema for the vocabulary's analysis and the kinds' fields."""
    text = text_analyzer(vocabulary.stem_overrides)
    schema = Schema(
        page_id=ID(stored=True, unique=True),
        revision_id=STORED(),
        slug=STORED(),
        kind=ID(stored=True),
        kind_label=TEXT(analyzer=text, phrase=False),
        title=TEXT(analyzer=text, stored=True),
        title_exact=ID(),
        title_sort=ID(sortable=True),
        prefix=TEXT(analyzer=prefix_analyzer(), phrase=False),
        tags=TEXT(analyzer=text),
        tag=KEYWORD(commas=True),
        content=TEXT(analyzer=text),
        spell=TEXT(analyzer=spelling_analyzer(), phrase=False),
        bounds=KEYWORD(commas=True),
    )
    for name in fields.own_fields:
        schema.add(name, TEXT(analyzer=text, phrase=False))
    for kind in fields.ref_kinds:
        schema.add(f"ref_{kind}", KEYWORD(commas=True))
        schema.add(f"{kind}_names", TEXT(analyzer=text, phrase=False))
    for name in fields.choice_fields:
        schema.add(f"choice_{name}", KEYWORD(commas=True))
    for name in fields.range_fields:
        schema.add(f"{name}_min", NUMERIC(int, bits=32))
        schema.add(f"{name}_max", NUMERIC(int, bits=32))
    return schema


def signature(schema: Schema) -> list[tuple]:
    """Describe a schema by field names, types and analyzers (columns do not compare)."""
    return [(name, type(f), getattr(f, "analyzer", None)) for name, f in schema.items()]


def _keywords(values: Iterable[str]) -> str:
    return ",".join(str(v).replace(",", " ") for v in values)


def whoosh_fields(doc: dict, fields: IndexLayout) -> dict:
    """Map an engine-neutral document (documents.document) onto the schema's fields."""
    out = {
        "page_id": str(doc["page_id"]),
        "revision_id": doc["revision_id"],
        "slug": doc["slug"],
        "kind": doc["kind"],
        "kind_label": doc["kind_label"],
        "title": doc["title"],
        "title_exact": doc["title_exact"],
        "title_sort": doc["title_exact"],
        "prefix": "\n".join([doc["title"], *doc["tags"]]),
        "tags": "\n".join(doc["tags"]),
        "tag": _keywords(doc["tag_keys"]),
        # Every text of the page, so that one field decides whether a word matches.
        "content": "\n".join(
            [
                doc["title"],
                *doc["tags"],
                doc["kind_label"],
                *doc["own"].values(),
                *[title for titles in doc["ref_titles"].values() for title in titles],
                doc["content"],
            ]
        ),
        "spell": "\n".join([doc["title"], *doc["tags"], doc["content"]]),
    }
    for name in fields.own_fields:
        out[name] = doc["own"].get(name, "")
    for kind in fields.ref_kinds:
        out[f"ref_{kind}"] = _keywords(doc["refs"].get(kind, []))
        out[f"{kind}_names"] = "\n".join(doc["ref_titles"].get(kind, []))
    for name in fields.choice_fields:
        out[f"choice_{name}"] = _keywords(doc["choices"].get(name, []))
    bounds = []
    for name in fields.range_fields:
        low, high = (
            (doc["ranges"].get(name) or {}).get("min"),
            (doc["ranges"].get(name) or {}).get("max"),
        )
        if low is None and high is None:
            continue
        # A missing bound is open: 0 below, UNBOUNDED above; `bounds` says which are known.
        out[f"{name}_min"] = low if low is not None else 0
        out[f"{name}_max"] = high if high is not None else UNBOUNDED
        bounds += [f"{name}.{end}" for end, v in (("min", low), ("max", high)) if v is not None]
    out["bounds"] = _keywords(bounds)
    return {key: value for key, value in out.items() if value is not None and value != ""}
