"""Bring a database up to date: run migrations, and seed a wiki that has no pages."""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from wiki.extensions import db
from wiki.search import sync as search_sync
from wiki.services import seed


def ensure_ready(app: Flask) -> seed.SeedReport | None:
    """Migrate to the newest schema and seed an empty wiki; safe with several workers."""
    with _setup_lock(app):
        upgrade(directory=app.extensions["migrate"].directory)
        report = seed.seed(Path(app.config["SEED_DIR"])) if seed.is_empty() else None
        if report is not None:
            # `wiki init-db` reports this seed even when the app's own start did it.
            app.extensions["wiki_seed_report"] = report
        # First start, or the index folder was lost: build the search index.
        search_sync.ensure_index()
    return report


@contextmanager
def _setup_lock(app: Flask):
    """Let one process at a time migrate and seed (gunicorn starts several)."""
    lock_path = Path(app.instance_path) / "setup.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as conn:
                    conn.execute(text("SELECT pg_advisory_lock(74287001)"))
                    try:
                        yield
                    finally:
                        conn.execute(text("SELECT pg_advisory_unlock(74287001)"))
                        conn.commit()
            else:
                yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def database_ok() -> bool:
    """Tell whether the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        db.session.rollback()
        return False
