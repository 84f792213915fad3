"""Forms of the page views."""

from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from wiki.forms import DutchForm, options
from wiki.kinds import KindSpec
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


class MethodFilters(DutchForm):
    """The werkvorm filters, shared by the werkvormen overview and the search page.

    Both read the query string (GET), so they carry no CSRF token.
    """

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
    level = SelectField("Niveau", choices=options([("", "Alle niveaus"), *LEVELS]), default="")
    setting = SelectField(
        "Setting", choices=options([("", "Alle settings"), *SETTINGS]), default=""
    )


class MethodFilterForm(MethodFilters):
    """Filters and sorting on the werkvormen overview."""

    sort = SelectField(
        "Sorteer op",
        choices=options(
            [("title", "Naam"), ("duration", "Tijdsduur"), ("group_size", "Groepsgrootte")]
        ),
        default="title",
    )


class PageForm(DutchForm):
    """The parts every page has. The kind's own fields are read by kind_fields_from_form."""

    title = StringField("Titel")
    body = TextAreaField("Tekst")
    tags = StringField("Labels", description="Scheid labels met een komma.")
    summary = StringField(
        "Wat heb je veranderd?",
        description="Een korte samenvatting voor de geschiedenis van deze pagina.",
    )
    base_revision = HiddenField()


class RevertForm(DutchForm):
    """Confirm putting back an earlier revision."""

    revision = HiddenField()
    summary = StringField("Waarom zet je deze versie terug?")


def _rows(formdata, name: str, keys: tuple[str, ...]) -> list[dict]:
    """Read numbered rows (name-0-title, name-0-minutes …) in their order."""
    indexes = sorted(
        {
            int(k.split("-")[1])
            for k in formdata
            if k.startswith(f"{name}-") and k.count("-") >= 2 and k.split("-")[1].isdigit()
        }
    )
    return [{key: formdata.get(f"{name}-{i}-{key}", "") for key in keys} for i in indexes]


def kind_fields_from_form(spec: KindSpec, formdata) -> dict:
    """Read the kind's fields from submitted form data, raw; the service cleans them."""
    values: dict = {}
    for f in spec.fields:
        if f.type == "range":
            values[f.name] = {
                "min": formdata.get(f"{f.name}-min", ""),
                "max": formdata.get(f"{f.name}-max", ""),
            }
        elif f.type in ("choices", "refs"):
            values[f.name] = formdata.getlist(f.name)
        elif f.type == "lines":
            values[f.name] = formdata.get(f.name, "").splitlines()
        elif f.type == "steps":
            values[f.name] = _rows(formdata, f.name, ("title", "minutes", "variant", "description"))
        elif f.type == "variants":
            values[f.name] = _rows(formdata, f.name, ("name", "description"))
        elif f.type == "bool":
            values[f.name] = f.name in formdata
        else:
            values[f.name] = formdata.get(f.name, "")
    return values
