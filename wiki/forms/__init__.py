"""Flask-WTF forms, one module per view module, with Dutch messages."""

from flask_wtf import FlaskForm


class DutchForm(FlaskForm):
    """A form whose built-in validator messages come from WTForms' Dutch catalogue."""

    class Meta:
        locales = ("nl",)
