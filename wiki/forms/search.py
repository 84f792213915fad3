"""The search form: read from the query string, so the URL holds the whole search."""

from wtforms import IntegerField, SearchField, SelectMultipleField
from wtforms.validators import Length, NumberRange, Optional

from wiki.forms import options
from wiki.forms.pages import MethodFilters
from wiki.kinds import KINDS
from wiki.pagination import MAX_PAGE
from wiki.search import Filters


class SearchForm(MethodFilters):
    """A search and its filters, with the werkvorm filters of the overview."""

    q = SearchField("Waar zoek je naar?", validators=[Optional(), Length(max=200)])
    kind = SelectMultipleField(
        "Soort pagina",
        choices=options((name, spec.plural.capitalize()) for name, spec in KINDS.items()),
    )
    # Principles and tags come from the index; unknown ones simply match nothing.
    principle = SelectMultipleField("Principe", validate_choice=False)
    tag = SelectMultipleField("Label", validate_choice=False)
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
