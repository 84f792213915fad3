"""Writes a read may make on the side (a cache, a last-used time) without risking the read.

Each runs in its own short transaction on its own connection, never the request's, and a
failure (a read-only replica, a locked or overloaded database) is logged, not raised:
the worst outcome is work done again on the next read.
"""

import logging

from sqlalchemy.exc import SQLAlchemyError

from wiki.extensions import db

log = logging.getLogger(__name__)


def execute(statement, what: str) -> bool:
    """Run statement in its own transaction; return False (and log) if it fails."""
    try:
        with db.engine.begin() as connection:
            connection.execute(statement)
    except SQLAlchemyError:
        log.warning("Could not %s; the read goes on without it", what, exc_info=True)
        return False
    return True
