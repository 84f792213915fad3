"""Forms for the second step of signing in and for setting it up."""

from wtforms import PasswordField, StringField

from wiki.forms import DutchForm

# Phones offer the code from a text message or an app; the keyboard shows digits only.
NO_SPELLCHECK = {"spellcheck": "false"}
CODE_FIELD = {"autocomplete": "one-time-code", "inputmode": "numeric", **NO_SPELLCHECK}


class CodeForm(DutchForm):
    code = StringField(
        "Code uit je app",
        description="De zes cijfers die je authenticator-app nu laat zien bij AV-wiki.",
        render_kw=CODE_FIELD,
    )


class RecoveryForm(DutchForm):
    code = StringField(
        "Herstelcode",
        description="Een van de tien codes die je bewaarde, zoals abcde-fghjk.",
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "none", **NO_SPELLCHECK},
    )


class SetupForm(CodeForm):
    """The code that proves the app is set up; signed-in people confirm their password."""

    password = PasswordField(
        "Je wachtwoord, ter bevestiging", render_kw={"autocomplete": "current-password"}
    )


class ConfirmPasswordForm(DutchForm):
    password = PasswordField(
        "Je wachtwoord, ter bevestiging", render_kw={"autocomplete": "current-password"}
    )
