"""The OpenAPI 3.1 document of /api/v1, and what the reference page needs to show it.

Spectree builds the document from the routes and the pydantic schemas they are checked
with. Here we add what spectree does not know: problem details as
application/problem+json, the ETag, Link and Location headers, If-Match, and the
fields of each page kind (read from `wiki/kinds`, whose cleaners check them).
"""

import copy
from typing import Any

from flask import current_app

from wiki.api import schemas, spec
from wiki.errors import TITLES
from wiki.kinds import KINDS
from wiki.kinds.fields import MAX_MARKDOWN, MAX_TEXT, Field

PROBLEM = "application/problem+json"
HEADERS = {
    "ETag": {
        "description": 'De huidige versie van de pagina, zoals "123". Stuur die bij een '
        "wijziging terug in If-Match.",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": 'Links naar andere pagina\'s van de lijst (RFC 8288): rel="next", '
        '"prev", "first" en "last".',
        "schema": {"type": "string"},
    },
    "Location": {"description": "Het API-adres van wat is gemaakt.", "schema": {"type": "string"}},
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": 'De versie waarop je wijziging is gebaseerd, als ETag ("123"), in plaats '
    "van base_revision. Overlappen je wijzigingen met die van een ander, dan volgt 412.",
    "schema": {"type": "string"},
}
LISTINGS = {
    name
    for name, model in vars(schemas).items()
    if isinstance(model, type) and issubclass(model, schemas.Listing) and name != "Listing"
}
# The operations that save a page on a base revision, which If-Match may give.
SAVES = {"replace_page", "patch_page"}
PAGE_ANSWERS = {"PageDetail", "PageSaved", "PageReverted"}
# Path parameters: what they are, and an example a reader (or a fuzzer) can try.
PATH_PARAMETERS = {
    "slug": ("De slug van de pagina, zoals in haar adres.", "een-journalist-belt"),
    "name": ("De naam van het label; hoofdletters en accenten tellen niet.", "integriteit"),
    "username": ("De gebruikersnaam.", "systeem"),
    "revision_id": ("Het nummer van een versie van deze pagina.", 1),
}
# Status descriptions in Dutch (spectree gives the English reason phrases).
STATUS_TEXT = {
    "200": "Gelukt",
    "201": "Gemaakt",
    "202": "Opgeslagen als voorstel: de pagina is beschermd, een moderator beslist",
    **{str(status): title for status, title in TITLES.items()},
}


def document() -> dict:
    """Return the OpenAPI 3.1 document, built once per app (the routes do not change)."""
    built = current_app.extensions.get("wiki_openapi")
    if built is None:
        built = current_app.extensions["wiki_openapi"] = _complete(copy.deepcopy(spec.spec))
    return built


def _complete(doc: dict) -> dict:
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            _complete_operation(path, method, op)
    schemas_ = doc["components"]["schemas"]
    for kind in KINDS.values():
        schemas_[f"{kind.name.capitalize()}Fields"] = kind_schema(kind)
    return doc


def _complete_operation(path: str, method: str, op: dict) -> None:
    for parameter in op.get("parameters", []):
        if parameter["in"] == "path" and parameter["name"] in PATH_PARAMETERS:
            parameter["description"], example = PATH_PARAMETERS[parameter["name"]]
            parameter["example"] = example
    for status, answer in op["responses"].items():
        answer["description"] = STATUS_TEXT.get(status, answer["description"])
        content = answer.get("content", {})
        ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if status.startswith(("4", "5")) and content:
            answer["content"] = {PROBLEM: content.pop("application/json")}
        headers = {}
        if name in LISTINGS:
            headers["Link"] = HEADERS["Link"]
        if name in PAGE_ANSWERS:
            headers["ETag"] = HEADERS["ETag"]
        if status == "201":
            headers["Location"] = HEADERS["Location"]
        if headers:
            answer["headers"] = headers
    if op["operationId"] in SAVES:
        op["parameters"].append(IF_MATCH)
    if not op.get("description"):
        op.pop("description", None)


def field_schema(f: Field) -> dict[str, Any]:
    """Describe what a kind's field holds, as its cleaner stores it."""
    number = {"type": ["integer", "null"]}
    for key, bound in (("minimum", f.minimum), ("maximum", f.maximum)):
        if bound is not None:
            number[key] = bound
    text = {"type": "string", "maxLength": MAX_TEXT}
    markdown = {"type": "string", "maxLength": MAX_MARKDOWN, "description": "Markdown."}
    shapes = {
        "int": number,
        "text": text,
        "markdown": markdown,
        "lines": {"type": "array", "items": text},
        "range": {
            "type": "object",
            "properties": {"min": number, "max": number},
        },
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": text,
                    "minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 1440},
                    "variant": {"type": ["string", "null"]},
                    "description": markdown,
                },
            },
        },
        "variants": {
            "type": "array",
            "items": {"type": "object", "properties": {"name": text, "description": markdown}},
        },
        "choices": {"type": "array", "items": {"enum": [v for v, _ in f.options]}},
        "choice": {"enum": [*(v for v, _ in f.options), None]},
        "refs": {"type": "array", "items": {"type": "string", "description": "Een slug."}},
        "bool": {"type": "boolean"},
        "date": {"type": ["string", "null"], "format": "date"},
    }
    schema = {"title": f.label, **copy.deepcopy(shapes[f.type])}
    if f.help:
        schema["description"] = f.help
    if f.type == "refs":
        schema["description"] = f"Slugs van pagina's van het soort {KINDS[f.ref_kind].label}."
    return schema


def kind_schema(kind) -> dict[str, Any]:
    """The fields of one page kind, for `fields` in a page's body or answer."""
    return {
        "title": f"Velden van een {kind.label}",
        "type": "object",
        "properties": {f.name: field_schema(f) for f in kind.fields},
        "required": [f.name for f in kind.fields if f.required],
        "additionalProperties": False,
    }


TYPE_WORDS = {
    "string": "tekst",
    "integer": "heel getal",
    "number": "getal",
    "boolean": "true of false",
    "object": "object",
    "null": "null",
}


def describe(schema: dict) -> str:
    """Say in a few Dutch words what a schema allows ("lijst van PageSummary")."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " of ".join(dict.fromkeys(describe(part) for part in schema[key]))
    if "enum" in schema or "const" in schema:
        values = schema.get("enum", [schema.get("const")])
        return "een van: " + ", ".join("null" if v is None else str(v) for v in values)
    kinds = schema.get("type", "")
    if isinstance(kinds, list):
        return " of ".join(describe({**schema, "type": kind}) for kind in kinds)
    if kinds == "array":
        return "lijst van " + describe(schema.get("items", {}))
    words = TYPE_WORDS.get(kinds, "waarde")
    if kinds == "object" and isinstance(schema.get("additionalProperties"), dict):
        words += " met waarden: " + describe(schema["additionalProperties"])
    bounds = [
        template.format(schema[key])
        for key, template in (
            ("minimum", "minstens {}"),
            ("maximum", "hoogstens {}"),
            ("maxLength", "hoogstens {} tekens"),
        )
        if key in schema
    ]
    if "format" in schema:
        bounds.append(f"formaat {schema['format']}")
    return words + (f" ({', '.join(bounds)})" if bounds else "")
