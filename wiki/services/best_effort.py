"""Writes a read may make on the side (a cache, a last-used time) without risking the read.

Each runs in its own short transaction on a connection of its own, never the request's,
and a failure (a read-only replica, a locked or overloaded database) is logged, not
raised: the worst outcome is work done again on the next read. The connections come
from a separate engine without a pool: a request already holds one connection from the
app's pool, and taking a second from that same pool could wait forever once every
thread of a busy worker did the same.
"""

import logging

from flask import current_app
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from wiki.extensions import configure_sqlite, db

log = logging.getLogger(__name__)


def _engine():
    ext = current_app.extensions
    if "wiki_side_writes" not in ext:
        engine = create_engine(db.engine.url, poolclass=NullPool)
        configure_sqlite(engine)
        ext["wiki_side_writes"] = engine
    return ext["wiki_side_writes"]


def execute(statement, what: str) -> bool:
    """Run statement in its own transaction; return False (and log) if it fails."""
    try:
        with _engine().begin() as connection:
            connection.execute(statement)
    except SQLAlchemyError:
        log.warning("Could not %s; the read goes on without it", what, exc_info=True)
        return False
    return True
