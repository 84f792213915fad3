"""The search form: read from the query string, so the URL holds the whole search."""

from wtforms import IntegerField, SearchField, SelectField, SelectMultipleField
from wtforms.validators import Length, NumberRange, Optional

from wiki.forms import DutchForm
from wiki.forms.pages import WholeNumberField
from wiki.kinds import KINDS
from wiki.kinds.method import LEVELS, SETTINGS
from wiki.search import Filters

MAX_PAGE = 1000


class SearchForm(DutchForm):
    """A search and its filters; GET only, so no CSRF token."""

    class Meta(DutchForm.Meta):
        csrf = False

    q = SearchField("Waar zoek je naar?", validators=[Optional(), Length(max=200)])
    kind = SelectMultipleField(
        "Soort pagina", choices=[(name, spec.plural.capitalize()) for name, spec in KINDS.items()]
    )
    # Principles and tags come from the index; unknown ones simply match nothing.
    principle = SelectMultipleField("Principe", validate_choice=False)
    tag = SelectMultipleField("Label", validate_choice=False)
    minutes = WholeNumberField(
        "Past in (minuten)",
        validators=[Optional(), NumberRange(1, 24 * 60, "Kies een tijd van 1 tot 1440 minuten.")],
    )
    people = WholeNumberField(
        "Aantal deelnemers",
        validators=[Optional(), NumberRange(1, 10_000, "Kies een aantal van 1 tot 10.000.")],
    )
    level = SelectField("Niveau", choices=[("", "Alle niveaus"), *LEVELS], default="")
    setting = SelectField("Setting", choices=[("", "Alle settings"), *SETTINGS], default="")
    page = IntegerField(
        "Pagina", default=1, validators=[Optional(), NumberRange(1, MAX_PAGE, "Kies een pagina.")]
    )

    def filters(self) -> Filters:
        """Return the chosen filters (call after validate)."""
        return Filters(
            kinds=tuple(self.kind.data or ()),
            principles=tuple(v for v in self.principle.data or () if v),
            tags=tuple(v for v in self.tag.data or () if v),
            minutes=self.minutes.data,
            people=self.people.data,
            level=self.level.data or None,
            setting=self.setting.data or None,
        )
