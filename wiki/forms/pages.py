"""Forms of the page views."""

from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from wiki.forms import DutchForm
from wiki.kinds.method import LEVELS, SETTINGS


class WholeNumberField(IntegerField):
    """An integer input whose parse error is Dutch."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0])
            except ValueError:
                self.data = None
                raise ValueError("Vul een heel getal in, bijvoorbeeld 20.") from None
        else:
            self.data = None


class MethodFilterForm(DutchForm):
    """Filters on the werkvormen overview; read from the query string, so no CSRF."""

    class Meta(DutchForm.Meta):
        csrf = False

    minutes = WholeNumberField(
        "Beschikbare tijd in minuten",
        validators=[Optional(), NumberRange(1, 24 * 60, "Kies een tijd van 1 tot 1440 minuten.")],
    )
    people = WholeNumberField(
        "Aantal deelnemers",
        validators=[Optional(), NumberRange(1, 10_000, "Kies een aantal van 1 tot 10.000.")],
    )
    level = SelectField("Niveau", choices=[("", "Alle niveaus"), *LEVELS], default="")
    setting = SelectField("Setting", choices=[("", "Alle settings"), *SETTINGS], default="")
    sort = SelectField(
        "Sorteer op",
        choices=[("title", "Naam"), ("duration", "Tijdsduur"), ("group_size", "Groepsgrootte")],
        default="title",
    )
