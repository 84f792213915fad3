"""Field types of the page kinds: each knows its Dutch label and how to clean input.

Cleaning turns form, JSON or seed input into the stored JSON shape, or reports a Dutch
message per field. References to other pages are checked for existence by the pages
service, which has the database; here only their shape is checked.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_TEXT = 300
MAX_MARKDOWN = 50_000
MAX_ITEMS = 100
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FieldError(ValueError):
    """A value that does not fit its field; the message is Dutch."""


@dataclass(frozen=True)
class Field:
    """One structured field of a kind. `type` picks the cleaning rule and the input."""

    name: str
    label: str
    type: str
    help: str = ""
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    # For "choices"/"choice": (value, Dutch label) pairs.
    options: tuple[tuple[str, str], ...] = ()
    # For "refs": the kind of page referenced.
    ref_kind: str | None = None
    # For "lines": what one item is called, for messages and form labels.
    item_label: str = "regel"
    # For "refs" to kinds that grow into the thousands: a search field, not a checkbox each.
    searchable: bool = False
    # Editorial: only moderators fill it in; the form does not show it to employees.
    curated: bool = False

    def empty(self) -> Any:
        return EMPTY[self.type]()

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)

    def clean(self, value: Any) -> Any:
        """Return value in its stored shape, or raise FieldError."""
        if value is None or value == "" or value == [] or value == {}:
            if self.required:
                raise FieldError("Dit veld is verplicht.")
            return self.empty()
        cleaned = CLEANERS[self.type](self, value)
        if self.required and cleaned in ("", [], None):
            raise FieldError("Dit veld is verplicht.")
        return cleaned


def _int(f: Field, value: Any, lo: int | None = None, hi: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise FieldError("Vul een heel getal in.")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise FieldError("Vul een heel getal in.") from None
    lo = f.minimum if lo is None else lo
    hi = f.maximum if hi is None else hi
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise FieldError(f"Vul een getal van {lo} tot en met {hi} in.")
    return number


def _text(f: Field, value: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise FieldError("Vul tekst in.")
    text = str(value).strip()
    if "\n" in text and f.type == "text":
        text = " ".join(text.split())
    if len(text) > limit:
        raise FieldError(f"Gebruik hoogstens {limit} tekens (nu {len(text)}).")
    return text


def _markdown(f: Field, value: Any) -> str:
    text = _text(f, value, MAX_MARKDOWN)
    return text.replace("\r\n", "\n")


def _list(value: Any) -> list:
    if isinstance(value, str):
        # One item a line (how forms and some API clients send a list): the same limit.
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        raise FieldError("Geef een lijst.")
    if len(value) > MAX_ITEMS:
        raise FieldError(f"Gebruik hoogstens {MAX_ITEMS} onderdelen.")
    return list(value)


def _lines(f: Field, value: Any) -> list[str]:
    items = [_text(f, item) for item in _list(value)]
    return [item for item in items if item]


def _range(f: Field, value: Any) -> dict:
    if not isinstance(value, dict):
        raise FieldError("Geef een kleinste en een grootste waarde.")
    low = _int(f, value.get("min"))
    high = _int(f, value.get("max"))
    if low is not None and high is not None and low > high:
        raise FieldError("De kleinste waarde is groter dan de grootste.")
    return {"min": low, "max": high}


def _record(f: Field, value: Any, keys: dict[str, str], title_key: str) -> list[dict]:
    rows = []
    for index, item in enumerate(_list(value), start=1):
        if not isinstance(item, dict):
            raise FieldError(f"Onderdeel {index} heeft niet de goede vorm.")
        row = {}
        for key, kind in keys.items():
            raw = item.get(key)
            try:
                if kind == "int":
                    row[key] = _int(f, raw, 0, 24 * 60)
                elif kind == "text":
                    row[key] = _text(f, raw) if raw not in (None, "") else None
                else:
                    row[key] = _markdown(f, raw) if raw not in (None, "") else ""
            except FieldError as error:
                raise FieldError(f"Onderdeel {index}: {error}") from None
        if not any(row.values()):
            continue
        if not row[title_key]:
            raise FieldError(f"Onderdeel {index} heeft geen naam.")
        rows.append(row)
    return rows


def _steps(f: Field, value: Any) -> list[dict]:
    keys = {"title": "text", "minutes": "int", "variant": "text", "description": "markdown"}
    return _record(f, value, keys, "title")


def _variants(f: Field, value: Any) -> list[dict]:
    return _record(f, value, {"name": "text", "description": "markdown"}, "name")


def _choices(f: Field, value: Any) -> list[str]:
    allowed = [option for option, _ in f.options]
    chosen = [item for item in _list(value) if item]
    unknown = [str(item) for item in chosen if item not in allowed]
    if unknown:
        raise FieldError(f"Onbekende keuze: {', '.join(unknown)}.")
    return [option for option in allowed if option in chosen]


def _choice(f: Field, value: Any) -> str:
    if value not in [option for option, _ in f.options]:
        raise FieldError(f"Onbekende keuze: {value}.")
    return value


def _refs(f: Field, value: Any) -> list[str]:
    slugs = []
    for item in _list(value):
        slug = str(item).strip()
        if not slug:
            continue
        if not SLUG_RE.match(slug):
            raise FieldError(f"'{slug}' is geen bestaande pagina.")
        if slug not in slugs:
            slugs.append(slug)
    if f.maximum is not None and len(slugs) > f.maximum:
        raise FieldError(f"Kies er hoogstens {f.maximum}.")
    return slugs


def _bool(f: Field, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("1", "true", "on", "ja", "y", "yes"):
        return True
    if str(value).lower() in ("0", "false", "off", "nee", "n", "no"):
        return False
    raise FieldError("Kies ja of nee.")


def _date(f: Field, value: Any) -> str:
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise FieldError("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-03-14.") from None


CLEANERS = {
    "int": lambda f, v: _int(f, v),
    "text": _text,
    "markdown": _markdown,
    "lines": _lines,
    "range": _range,
    "steps": _steps,
    "variants": _variants,
    "choices": _choices,
    "choice": _choice,
    "refs": _refs,
    "bool": _bool,
    "date": _date,
}

EMPTY = {
    "int": lambda: None,
    "text": str,
    "markdown": str,
    "lines": list,
    "range": lambda: {"min": None, "max": None},
    "steps": list,
    "variants": list,
    "choices": list,
    "choice": lambda: None,
    "refs": list,
    "bool": lambda: False,
    "date": lambda: None,
}


@dataclass(frozen=True)
class KindSpec:
    """A page kind: its names, URL segment, structured fields and starting body."""

    name: str
    label: str
    plural: str
    segment: str
    description: str
    fields: tuple[Field, ...]
    starting_body: str = ""
    # Heading of the form that creates one ("Nieuw principe", "Deel een dilemma").
    create_title: str = ""
    # Field names a listing shows (kept small so lists stay cheap).
    listing_fields: tuple[str, ...] = field(default_factory=tuple)
    # Field names search indexes as fields of their own (weighted above the body text).
    search_fields: tuple[str, ...] = field(default_factory=tuple)
    # The free text is background a moderator writes: in the form it comes after the
    # kind's fields; employees creating a page start with the fields alone.
    curated_body: bool = False

    @property
    def partial(self) -> str:
        return f"kinds/{self.name}.html"

    def path(self, slug: str) -> str:
        """Return the URL path of this kind's page with slug (views route it)."""
        return f"/{self.segment}/{slug}"

    def get_field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def ref_fields(self) -> list[Field]:
        return [f for f in self.fields if f.type == "refs"]

    def markdown_fields(self) -> list[Field]:
        return [f for f in self.fields if f.type in ("markdown", "steps", "variants")]

    def empty_fields(self) -> dict:
        return {f.name: f.empty() for f in self.fields}

    def missing(self, values) -> list[str]:
        """Return the names of this kind's fields that values lacks, in the kind's order.

        A whole replacement of a page must name every field: one left out would be
        emptied without anyone having asked for it.
        """
        given = values if isinstance(values, dict) else {}
        return [f.name for f in self.fields if f.name not in given]

    def merge_fields(self, current: dict, changes) -> dict:
        """Return current with each field that changes names replaced (clean them after).

        Fields changes does not name keep their value; a field set to None is emptied,
        as in a JSON merge patch (RFC 7396). Values are replaced whole, not merged inside.
        """
        if not isinstance(changes, dict):
            return changes
        merged = dict(current)
        for name, value in changes.items():
            merged[name] = value
        return merged

    def clean(self, values: dict) -> tuple[dict, dict[str, str]]:
        """Return (cleaned fields, errors by field name); unknown names are errors."""
        cleaned, errors = {}, {}
        if not isinstance(values, dict):
            return {}, {"fields": "Geef de velden als een object."}
        known = {f.name for f in self.fields}
        for name in values:
            if name not in known:
                errors[name] = f"Een {self.label} heeft geen veld '{name}'."
        for f in self.fields:
            try:
                cleaned[f.name] = f.clean(values.get(f.name))
            except FieldError as error:
                errors[f.name] = str(error)
        return cleaned, errors
