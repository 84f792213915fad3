"""HTML blueprints: thin doors that parse input, call a service and render."""

from flask import Flask
from flask_login import current_user

from wiki import permissions
from wiki.kinds import KINDS
from wiki.services.accounts import display_name
from wiki.services.rendering import page_path


def init_app(app: Flask) -> None:
    """Register the HTML blueprints and the page-wide template context."""
    from wiki.views import changes, edit, health, history, home, pages

    for module in (home, health, pages, edit, history, changes):
        app.register_blueprint(module.bp)

    # Globals, not a context processor, so imported macros see them too.
    app.jinja_env.globals.update(
        site_name=app.config["SITE_NAME"],
        kinds=KINDS,
        nav_kinds=list(KINDS.values()),
        page_path=page_path,
        author_name=display_name,
    )

    @app.context_processor
    def permission_helpers():
        # Templates ask `can` only to choose what to show; services enforce.
        return {"can": lambda action, page=None: permissions.can(current_user, action, page)}
