"""The AV-wiki: create_app wires configuration, extensions, blueprints, CLI and errors."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application; test_config overrides defaults and the environment."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("WIKI_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)

    from wiki import config

    config.load_config(app, test_config)
    if hops := int(app.config["PROXY_HOPS"]):
        # Trust the forwarded address, scheme and host of exactly `hops` proxies, so a
        # client cannot forge them; the wiki lives at the root, so no X-Forwarded-Prefix.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)

    from wiki import cli, errors, headers
    from wiki.extensions import configure_sqlite, csrf, db, login, migrate

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    login.init_app(app)
    csrf.init_app(app)
    errors.init_app(app)
    headers.init_app(app)
    cli.init_app(app)

    from wiki import search

    search.init_app(app)

    from wiki.services.accounts import load_user

    login.user_loader(load_user)
    login.login_view = "auth.sign_in"
    login.login_message = "Log eerst in om deze pagina te zien."
    login.session_protection = "basic"

    from wiki import api, views

    views.init_app(app)
    api.init_app(app)

    if app.config["AUTO_SETUP"]:
        from wiki.services import setup

        with app.app_context():
            setup.ensure_ready(app)
    return app
