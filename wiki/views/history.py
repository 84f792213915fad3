"""A page's history: its revisions, page by page, and the difference between two."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from wiki.errors import BadRequest
from wiki.kinds import KINDS
from wiki.pagination import page_args
from wiki.services import history
from wiki.views.pages import SEGMENTS, canonical

bp = Blueprint("history", __name__)


def page_number() -> int:
    """Return the ?pagina= number, 1 when absent; a Dutch 400 outside the shared bounds."""
    return page_args(request.args.get("pagina"), names=("pagina", "per_page"))[0]


@bp.get(f"/<{SEGMENTS}>/<slug>/geschiedenis")
def page_history(segment: str, slug: str):
    """List a page's revisions, newest first, 50 at a time."""
    page, moved = canonical(segment, slug, "geschiedenis")
    if moved:
        return moved
    entries = history.list_revisions(page, number=page_number())
    context = {"page": page, "spec": KINDS[page.kind], "entries": entries}
    return render_template("history/history.html", **context)


@bp.get(f"/<{SEGMENTS}>/<slug>/verschil")
def diff(segment: str, slug: str):
    """Show what changed between two revisions (?van=&naar=), inline or side by side."""
    page, moved = canonical(segment, slug, "verschil")
    if moved:
        return moved
    new = history.get_revision(
        page, request.args.get("naar") or page.current_revision_id, current_user
    )
    old_id = request.args.get("van") or new.parent_id
    if old_id is None:
        raise BadRequest("Dit is de eerste versie; er is niets om mee te vergelijken.")
    old = history.get_revision(page, old_id, current_user)
    view = "naast" if request.args.get("weergave") == "naast" else "inline"
    return render_template(
        "history/diff.html",
        page=page,
        spec=KINDS[page.kind],
        old=old,
        new=new,
        diff=history.diff_revisions(page, old, new),
        view=view,
        user=current_user,
    )
