"""HTML blueprints: thin doors that parse input, call a service and render."""

from flask import Flask

from wiki.kinds import KINDS
from wiki.services.pages import page_path


def init_app(app: Flask) -> None:
    """Register the HTML blueprints and the page-wide template context."""
    from wiki.views import health, home, pages

    app.register_blueprint(home.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)

    # Globals, not a context processor, so imported macros see them too.
    app.jinja_env.globals.update(
        site_name=app.config["SITE_NAME"],
        kinds=KINDS,
        nav_kinds=list(KINDS.values()),
        page_path=page_path,
    )
