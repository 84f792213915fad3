"""Page kinds: a small registry. Forms, serializers, diff, search and the seed read it.

A new kind takes one module here and one partial in templates/kinds/.
"""

from wiki.errors import NotFound
from wiki.kinds.dilemma import DILEMMA
from wiki.kinds.experience import EXPERIENCE
from wiki.kinds.fields import Field, FieldError, KindSpec
from wiki.kinds.guide import GUIDE
from wiki.kinds.method import METHOD
from wiki.kinds.principle import PRINCIPLE

KINDS: dict[str, KindSpec] = {
    spec.name: spec for spec in (PRINCIPLE, METHOD, DILEMMA, EXPERIENCE, GUIDE)
}
BY_SEGMENT: dict[str, KindSpec] = {spec.segment: spec for spec in KINDS.values()}


def kind_for_word(word: str | None) -> KindSpec | None:
    """Return the kind a URL names: by its Dutch word ("ervaring"), or its code name.

    Addresses say ?soort=ervaring, as the menus do; ?soort=experience from older links
    keeps working.
    """
    word = (word or "").strip().lower()
    return next((s for s in KINDS.values() if word in (s.label, s.name)), None)


def get_kind(name: str) -> KindSpec:
    """Return the kind called name, or raise NotFound with a Dutch message."""
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise NotFound(f"Het soort pagina '{name}' bestaat niet. Kies uit: {known}.") from None


__all__ = ["BY_SEGMENT", "KINDS", "Field", "FieldError", "KindSpec", "get_kind", "kind_for_word"]
