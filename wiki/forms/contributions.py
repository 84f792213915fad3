"""Forms for perspectives and principle votes on a dilemma, and for curating tags."""

from wtforms import BooleanField, SelectField, StringField, TextAreaField

from wiki.forms import DutchForm


class PerspectiveForm(DutchForm):
    """Filled with the seven principles by the view."""

    principle = SelectField("Vanuit welk principe kijk je?", choices=[], validate_choice=False)
    body = TextAreaField(
        "Wat zou jij doen, en waarom?",
        description="Vertel het zoals je het een collega zou vertellen.",
    )
    anonymous = BooleanField("Deel dit anoniem")


class TagRenameForm(DutchForm):
    name = StringField("Nieuwe naam")
    # Its own id: the merge form on the same page has a reason too.
    reason = StringField("Reden", id="hernoemen-reden")


class TagMergeForm(DutchForm):
    target = StringField("Samenvoegen met label", description="Het label dat blijft bestaan.")
    reason = StringField("Reden", id="samenvoegen-reden")
