"""Forms for accounts: register, sign in, passwords, tokens, deleting the account.

Validation rules live in services/accounts.py so the API and CLI share them; these
forms parse input and carry CSRF.
"""

from wtforms import BooleanField, EmailField, PasswordField, StringField

from wiki.forms import DutchForm


class RegisterForm(DutchForm):
    name = StringField(
        "Je naam",
        description="Collega's zien deze naam bij je bijdragen.",
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        "E-mailadres van je werk",
        description="Dit adres ziet niemand anders.",
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        "Kies een wachtwoord",
        description="Minstens 10 tekens.",
        render_kw={"autocomplete": "new-password"},
    )


class SignInForm(DutchForm):
    email = EmailField("E-mailadres", render_kw={"autocomplete": "email"})
    password = PasswordField("Wachtwoord", render_kw={"autocomplete": "current-password"})
    remember = BooleanField("Ingelogd blijven op deze computer")


class ResetRequestForm(DutchForm):
    email = EmailField("E-mailadres", render_kw={"autocomplete": "email"})


class ResetForm(DutchForm):
    new = PasswordField(
        "Nieuw wachtwoord",
        description="Minstens 10 tekens.",
        render_kw={"autocomplete": "new-password"},
    )


class PasswordForm(DutchForm):
    current = PasswordField("Huidig wachtwoord", render_kw={"autocomplete": "current-password"})
    new = PasswordField(
        "Nieuw wachtwoord",
        description="Minstens 10 tekens.",
        render_kw={"autocomplete": "new-password"},
    )


class TokenForm(DutchForm):
    name = StringField("Naam van het token", description="Waarvoor gebruik je het?")


class DeleteAccountForm(DutchForm):
    password = PasswordField(
        "Je wachtwoord, ter bevestiging", render_kw={"autocomplete": "current-password"}
    )
