"""Tags: an overview sized by use, a page per tag, and moderators' rename, merge, delete."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from wiki import permissions
from wiki.errors import Invalid, NotFound
from wiki.forms.contributions import TagMergeForm, TagRenameForm
from wiki.forms.moderation import ReasonForm
from wiki.services import tags

bp = Blueprint("tags", __name__, url_prefix="/labels")


@bp.get("")
def overview():
    """All tags, sized by how many pages carry them."""
    counts = tags.tag_counts(current_user)
    most = max((n for _, n in counts), default=1)
    return render_template("tags/overview.html", counts=counts, most=most)


def _tag_page(tag, status=200, errors=None, **forms):
    context = dict(
        tag=tag,
        pages=tags.pages_with(tag, current_user),
        rename_form=forms.get("rename_form") or TagRenameForm(name=tag.name),
        merge_form=forms.get("merge_form") or TagMergeForm(),
        delete_form=ReasonForm(),
        errors=errors or {},
    )
    return render_template("tags/show.html", **context), status


@bp.get("/<path:name>")
def show(name: str):
    """The pages carrying one tag."""
    return _tag_page(tags.get_tag(name))


@bp.post("/<path:name>/hernoemen")
@login_required
def rename(name: str):
    tag, form = tags.get_tag(name), TagRenameForm()
    try:
        tag = tags.rename(current_user, tag, form.name.data, form.reason.data or "")
    except Invalid as error:
        return _tag_page(tag, 422, error.errors, rename_form=form)
    flash(f"Het label heet nu '{tag.name}'.")
    return redirect(url_for("tags.show", name=tag.name))


@bp.post("/<path:name>/samenvoegen")
@login_required
def merge(name: str):
    tag, form = tags.get_tag(name), TagMergeForm()
    permissions.check(current_user, "moderate")
    try:
        target = tags.get_tag(form.target.data or "")
    except NotFound:
        return _tag_page(tag, 422, {"target": "Dat label bestaat niet."}, merge_form=form)
    try:
        tags.merge(current_user, tag, target, form.reason.data or "")
    except Invalid as error:
        return _tag_page(tag, 422, error.errors, merge_form=form)
    flash(f"'{name}' is samengevoegd met '{target.name}'.")
    return redirect(url_for("tags.show", name=target.name))


@bp.post("/<path:name>/verwijderen")
@login_required
def delete(name: str):
    tag = tags.get_tag(name)
    tags.remove(current_user, tag, ReasonForm().reason.data or "")
    flash(f"Het label '{tag.name}' is van alle pagina's gehaald.")
    return redirect(url_for("tags.overview"))
