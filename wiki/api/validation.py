"""Pydantic's findings about a request, as one plain Dutch sentence per field."""

from pydantic import ValidationError


def _field(loc: tuple) -> str:
    """Name a field as the caller wrote it: fields.duration, tags.2, from."""
    parts = [str(part) for part in loc if part not in ("body", "query")]
    return ".".join(parts) or "body"


def _sentence(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "Dit veld is verplicht."
    if kind == "extra_forbidden":
        return "Dit veld kennen we hier niet."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "Geef een heel getal."
    if kind == "greater_than_equal":
        return f"Geef een getal van minstens {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"Geef een getal van hoogstens {ctx.get('le')}."
    if kind in ("string_type", "string_unicode"):
        return "Geef tekst."
    if kind == "string_too_long":
        return f"Gebruik hoogstens {ctx.get('max_length')} tekens."
    if kind == "too_long":
        return f"Geef hoogstens {ctx.get('max_length')} onderdelen."
    if kind in ("bool_type", "bool_parsing"):
        return "Geef true of false."
    if kind in ("list_type", "tuple_type", "set_type"):
        return "Geef een lijst."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "Geef een object."
    if kind in ("literal_error", "enum"):
        return f"Kies uit: {ctx.get('expected', '')}.".replace("'", "").replace(" or ", " of ")
    return "Deze waarde klopt niet."


def dutch_errors(error: ValidationError) -> dict[str, str]:
    """Return a Dutch sentence for each field pydantic refused (the first per field)."""
    found: dict[str, str] = {}
    for item in error.errors(include_url=False):
        found.setdefault(_field(item["loc"]), _sentence(item))
    return found
