"""Wiki-wide changes: recent changes with filters, their Atom feed, a user's contributions."""

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from wiki.kinds import kind_for_word
from wiki.services import history
from wiki.services.accounts import actor_for
from wiki.views.history import page_number

bp = Blueprint("changes", __name__)


def _kind() -> str | None:
    """Return the code name of the kind ?soort= names (Dutch word or old code name)."""
    spec = kind_for_word(request.args.get("soort"))
    return spec.name if spec else None


@bp.get("/recente-wijzigingen")
def recent():
    """List the newest changes, filtered by kind and, when signed in, hiding your own."""
    kind = _kind()
    hide_own = request.args.get("verberg_eigen") == "1" and actor_for(current_user) is not None
    entries = history.recent_changes(
        user=current_user,
        kind=kind,
        exclude_author=actor_for(current_user) if hide_own else None,
        number=page_number(),
    )
    return render_template(
        "changes/recent.html",
        entries=entries,
        kind=kind,
        hide_own=hide_own,
        signed_in=actor_for(current_user) is not None,
    )


@bp.get("/recente-wijzigingen/atom")
def feed():
    """Recent changes as an Atom feed."""
    kind = _kind()
    entries = history.recent_changes(user=current_user, kind=kind)
    body = render_template(
        "changes/feed.xml", entries=entries.items, self_url=url_for("changes.feed", _external=True)
    )
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.get("/gebruikers/<username>/bijdragen")
def contributions(username: str):
    """List one user's edits, newest first."""
    user = history.get_user(username)
    entries = history.recent_changes(user=current_user, author=user, number=page_number())
    return render_template("changes/contributions.html", person=user, entries=entries)
