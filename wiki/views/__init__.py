"""HTML blueprints: thin doors that parse input, call a service and render."""

from flask import Flask, request, url_for
from flask_login import current_user
from markupsafe import Markup

from wiki import dates, permissions
from wiki.kinds import KINDS
from wiki.kinds.fields import MAX_MARKDOWN, MAX_TEXT
from wiki.models.user import role_name
from wiki.services.accounts import author_label, display_name
from wiki.services.links import diff_titles
from wiki.services.rendering import page_path


def init_app(app: Flask) -> None:
    """Register the HTML blueprints and the page-wide template context."""
    from wiki.views import (
        account,
        admin,
        auth,
        changes,
        contributions,
        edit,
        health,
        history,
        home,
        moderation,
        pages,
        search,
        second_factor,
        tags,
    )

    modules = (
        home,
        health,
        auth,
        second_factor,
        account,
        admin,
        moderation,
        pages,
        edit,
        history,
        changes,
        search,
        contributions,
        tags,
    )
    for module in modules:
        app.register_blueprint(module.bp)
    auth.init_app(app)
    second_factor.init_app(app)

    # Globals, not a context processor, so imported macros see them too.
    app.jinja_env.globals.update(
        site_name=app.config["SITE_NAME"],
        kinds=KINDS,
        nav_kinds=list(KINDS.values()),
        page_path=page_path,
        max_text=MAX_TEXT,
        max_markdown=MAX_MARKDOWN,
        diff_titles=lambda diff, kind: diff_titles(diff, kind, current_user),
        page_url=page_url,
        author_name=display_name,
        # current_user is a proxy, so these globals answer for whoever is viewing.
        revision_author=lambda revision: author_label(revision, current_user),
        author_is_public=lambda revision: (
            revision.author is not None
            and not revision.author.is_system
            and (not revision.is_anonymous or permissions.is_curator(current_user))
        ),
    )

    app.jinja_env.filters.update(dutch_date=dates.dutch, when=_when, role_name=role_name)

    @app.context_processor
    def permission_helpers():
        # Templates ask `can` only to choose what to show; services enforce.
        return {
            "can": lambda action, page=None: permissions.can(current_user, action, page),
            "is_curator": permissions.is_curator(current_user),
        }


def _when(value, time: bool = True) -> Markup:
    """Return a <time> element: Dutch text, a valid machine value (no microseconds)."""
    if value is None or value == "":
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(
        dates.machine(value), dates.dutch(value, time=time)
    )


def page_url(number: int, param: str = "pagina") -> str:
    """Return this list's URL (same filters) on page number, for the shared pager."""
    args = request.args.copy()
    args.setlist(param, [str(number)])
    return url_for(request.endpoint, **(request.view_args or {}), **args.to_dict(flat=False))
