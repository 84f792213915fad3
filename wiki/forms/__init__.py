"""Flask-WTF forms, one module per view module, with Dutch messages."""

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import SelectChoice


class DutchForm(FlaskForm):
    """A form whose built-in validator messages come from WTForms' Dutch catalogue."""

    class Meta:
        locales = ("nl",)


def options(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Return (value, label) pairs as the options of a SelectField."""
    return [SelectChoice(value, label) for value, label in pairs]
