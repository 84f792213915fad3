"""The `wiki` command line: Flask's CLI plus the wiki's own commands.

`wiki run`, `wiki shell` and `wiki db …` come from Flask and Flask-Migrate. Each command
here calls one service function.
"""

import logging
import sys
from functools import partial
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from wiki.errors import Invalid, NotFound
from wiki.models.user import role_from_name, role_name
from wiki.search import SearchUnavailable
from wiki.search import sync as search_sync
from wiki.services import accounts, second_factor, setup
from wiki.services import seed as seed_service


def init_app(app: Flask) -> None:
    """Register the wiki's commands on app.cli (so `flask --app wiki` has them too)."""
    app.cli.add_command(seed_command)
    app.cli.add_command(init_db_command)
    app.cli.add_command(search_group)
    app.cli.add_command(user_group)
    app.cli.add_command(token_group)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the seed content; pages that exist are left alone."""
    try:
        report = seed_service.seed(Path(current_app.config["SEED_DIR"]))
    except seed_service.SeedError as error:
        raise click.ClickException(str(error)) from None
    # A new vocabulary page starts a rebuild; let it finish before the process ends.
    search_sync.wait_for_rebuild()
    if report.created:
        click.echo(f"{len(report.created)} pagina's aangemaakt: {', '.join(report.created)}.")
    if report.existing and not report.created:
        click.echo(f"Niets veranderd: alle {len(report.existing)} startpagina's bestaan al.")
    elif report.existing:
        click.echo(f"{len(report.existing)} pagina's bestonden al en zijn niet veranderd.")


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database schema and seed an empty wiki."""
    try:
        setup.ensure_ready(current_app)
    except seed_service.SeedError as error:
        raise click.ClickException(str(error)) from None
    report = current_app.extensions.get("wiki_seed_report")
    if report is None:
        click.echo("Database is bijgewerkt; er stonden al pagina's in.")
    else:
        click.echo(f"Database aangemaakt en gevuld met {len(report.created)} pagina's.")


@click.group("search")
def search_group() -> None:
    """Beheer de zoekindex."""


@search_group.command("rebuild")
@click.option("--procs", default=1, show_default=True, help="Processen die indexeren.")
@with_appcontext
def search_rebuild_command(procs: int) -> None:
    """Bouw de zoekindex opnieuw op uit de database en wissel hem in één keer om."""
    count = search_sync.rebuild(procs=procs)
    click.echo(f"Zoekindex opnieuw opgebouwd: {count} pagina's.")


@search_group.command("check")
@with_appcontext
def search_check_command() -> None:
    """Meld pagina's waarvan de zoekindex een andere versie heeft dan de database."""
    try:
        report = search_sync.check()
    except SearchUnavailable as error:
        raise click.ClickException(f"{error.message} Voer 'wiki search rebuild' uit.") from None
    for slug, indexed, current in report.stale:
        seen = f"versie {indexed}" if indexed is not None else "niet"
        click.echo(f"{slug}: in de index {seen}, actueel versie {current}")
    for page_id in report.extra:
        click.echo(f"pagina {page_id} staat in de index maar is verborgen of bestaat niet meer")
    if report.outdated:
        click.echo("De index is gemaakt met een ander schema.")
    if report.vocabulary:
        used, current = report.vocabulary
        click.echo(
            f"De index gebruikt versie {used or 'geen'} van de zoekwoordenlijst, "
            f"de actuele is versie {current or 'geen'}."
        )
    if report.pending:
        click.echo(f"{report.pending} wijziging(en) wachten nog op de zoekindex.")
    if not report.ok:
        raise click.ClickException("De zoekindex loopt achter. Voer 'wiki search rebuild' uit.")
    click.echo("De zoekindex is bij.")


@click.group("user")
def user_group() -> None:
    """Gebruikers beheren."""


def _find_user(name: str):
    try:
        return accounts.find_user(name)
    except NotFound as error:
        raise click.ClickException(error.message) from None


@user_group.command("create")
@click.argument("name")
@click.option("--email", required=True, help="E-mailadres (om in te loggen).")
@click.option(
    "--role",
    default="medewerker",
    show_default=True,
    help="medewerker, moderator of beheerder (of editor, moderator, admin).",
)
@click.option("--password-stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer.")
@with_appcontext
def user_create_command(name: str, email: str, role: str, password_stdin: bool) -> None:
    """Maak een gebruiker aan; het wachtwoord komt van een prompt of standaardinvoer."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else _ask_password()
    try:
        user = accounts.register(
            name=name, email=email, password=password, role=role_from_name(role)
        )
    except Invalid as error:
        raise click.ClickException(" ".join(error.errors.values()) or error.message) from None
    click.echo(f"Gebruiker {user.username} ({role_name(user.role)}) aangemaakt.")
    if second_factor.applies_to(user):
        click.echo("Bij de eerste keer inloggen stelt deze persoon tweestapsverificatie in.")


def _ask_password() -> str:
    """Ask for a password twice, in Dutch, until both are the same."""
    while True:
        password = click.prompt("Wachtwoord", hide_input=True)
        if password == click.prompt("Herhaal het wachtwoord", hide_input=True):
            return password
        click.echo("De twee wachtwoorden zijn niet gelijk. Probeer het opnieuw.", err=True)


@user_group.command("set-role")
@click.argument("name")
@click.argument("role")
@with_appcontext
def user_set_role_command(name: str, role: str) -> None:
    """Geef een gebruiker (gebruikersnaam of e-mail) een andere rol."""
    user = _find_user(name)
    try:
        accounts.set_role(None, user, role_from_name(role), reason="via de opdrachtregel")
    except Invalid as error:
        raise click.ClickException(" ".join(error.errors.values())) from None
    click.echo(f"{user.username} is nu {role_name(user.role)}.")


@user_group.command("reset-2fa")
@click.argument("name")
@click.option("--reason", default="via de opdrachtregel", help="Reden, voor het logboek.")
@with_appcontext
def user_reset_second_factor_command(name: str, reason: str) -> None:
    """Wis iemands tweestapsverificatie (telefoon en herstelcodes kwijt); in het logboek."""
    user = _find_user(name)
    second_factor.reset(None, user, reason)
    click.echo(
        f"Tweestapsverificatie van {user.username} gewist. Bij de volgende keer inloggen "
        "stelt deze persoon een nieuwe app in (verplicht voor moderatoren en beheerders)."
    )


@click.group("token")
def token_group() -> None:
    """Persoonlijke API-tokens."""


@token_group.command("create")
@click.argument("name")
@click.option("--label", default="Opdrachtregel", show_default=True, help="Naam van het token.")
@with_appcontext
def token_create_command(name: str, label: str) -> None:
    """Maak een API-token voor een gebruiker en druk het af (alleen nu zichtbaar)."""
    _token, secret = accounts.create_token(_find_user(name), label)
    click.echo(secret)


# Commands that only read: they neither migrate the database nor build a search index.
# init-db sets up the wiki itself, so it can say what it did.
NO_AUTO_SETUP = (("search", "check"), ("routes",), ("init-db",))
MIGRATION_LOGGERS = ("alembic", "flask_migrate")


def _create_app(*, setup: bool):
    from wiki import create_app

    try:
        return create_app(None if setup else {"AUTO_SETUP": False})
    except seed_service.SeedError as error:
        # Starting on an empty wiki seeds it; say plainly why that failed.
        raise click.ClickException(str(error)) from None


def needs_setup(args: list[str]) -> bool:
    """Tell whether the command in args may migrate and seed first (not help, not reads)."""
    if "--help" in args or "--version" in args:
        return False
    words = tuple(arg for arg in args if not arg.startswith("-"))
    return bool(words) and not any(words[: len(c)] == c for c in NO_AUTO_SETUP)


def _verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Show what migrations do (Alembic's INFO lines) only when asked."""
    if value:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-5.5s [%(name)s] %(message)s"))
        for name in MIGRATION_LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(logging.INFO)
            logger.addHandler(handler)


VERBOSE = click.Option(
    ["--verbose", "-v"],
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_verbose,
    help="Laat ook zien wat de databasemigraties doen.",
)


def cli(args: list[str]) -> FlaskGroup:
    """Return the `wiki` command group for args: quiet, and setup only where it is needed."""
    return FlaskGroup(
        create_app=partial(_create_app, setup=needs_setup(args)),
        params=[VERBOSE],
        help="De AV-wiki beheren en starten.",
    )


def main() -> None:
    """Run the `wiki` console script."""
    cli(sys.argv[1:])(prog_name="wiki")
