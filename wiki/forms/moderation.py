"""Forms for moderators and admins."""

from wtforms import DateField, HiddenField, SelectField, TextAreaField

from wiki.forms import DutchForm, options
from wiki.models.user import ROLE_LABELS


class ReasonForm(DutchForm):
    """Confirm a curation act; the reason goes into the audit log."""

    reason = TextAreaField("Reden", description="Kort en zakelijk; dit komt in het logboek.")


class ReportForm(DutchForm):
    revision = HiddenField()
    reason = TextAreaField(
        "Wat is er mis?", description="Een moderator leest je melding. Je naam blijft bij hen."
    )


class BlockForm(DutchForm):
    until = DateField("Geblokkeerd tot en met", format="%Y-%m-%d")
    reason = TextAreaField("Reden", description="De gebruiker ziet deze reden.")


class RoleForm(DutchForm):
    role = SelectField("Rol", choices=options(ROLE_LABELS.items()))
    # Its own id: the block form on the same page has a "reason" too.
    reason = TextAreaField("Reden", id="rol-reden")
