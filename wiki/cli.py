"""The `wiki` command line: Flask's CLI plus the wiki's own commands.

`wiki run`, `wiki shell` and `wiki db …` come from Flask and Flask-Migrate. Each command
here calls one service function.
"""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from wiki.services import seed as seed_service
from wiki.services import setup


def init_app(app: Flask) -> None:
    """Register the wiki's commands on app.cli (so `flask --app wiki` has them too)."""
    app.cli.add_command(seed_command)
    app.cli.add_command(init_db_command)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the seed content; pages that exist are left alone."""
    try:
        report = seed_service.seed(Path(current_app.config["SEED_DIR"]))
    except seed_service.SeedError as error:
        raise click.ClickException(str(error)) from None
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
    report = setup.ensure_ready(current_app)
    if report is None:
        click.echo("Database is bijgewerkt; er stonden al pagina's in.")
    else:
        click.echo(f"Database aangemaakt en gevuld met {len(report.created)} pagina's.")


def _create_app():
    from wiki import create_app

    return create_app()


def main() -> None:
    """Run the `wiki` console script."""
    FlaskGroup(create_app=_create_app, help="De AV-wiki beheren en starten.")(prog_name="wiki")
