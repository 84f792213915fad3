"""The home page: what this wiki is for, and the three main paths."""

from flask import Blueprint, render_template
from flask_login import current_user

from wiki.services import pages

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Show the home page."""
    principles = sorted(
        pages.list_pages("principle", current_user),
        key=lambda p: p.current_revision.fields.get("number") or 99,
    )
    return render_template(
        "home/index.html",
        principles=principles,
        methods=pages.list_pages("method", current_user),
        dilemma_count=pages.count_pages("dilemma", current_user),
        guide=pages.list_pages("guide", current_user),
    )


@bp.get("/toegankelijkheidsverklaring")
def accessibility():
    """Show the accessibility statement: the standard, how it is tested, what falls short."""
    return render_template("home/accessibility.html")
