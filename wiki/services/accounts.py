"""Accounts: for now the system user that authors the seed content."""

from sqlalchemy import select

from wiki.extensions import db
from wiki.models import User
from wiki.models.user import SYSTEM_USERNAME


def system_user() -> User:
    """Return the system user, creating it on first use (no password: cannot sign in)."""
    user = db.session.scalar(select(User).where(User.username == SYSTEM_USERNAME))
    if user is None:
        user = User(
            username=SYSTEM_USERNAME,
            display_name="AV-wiki (startinhoud)",
            role="admin",
            is_system=True,
        )
        db.session.add(user)
        db.session.flush()
    return user


def load_user(user_id: str) -> User | None:
    """Return the user with this id for Flask-Login; the system user never signs in."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return None if user is None or user.is_system else user


def actor_for(user) -> User | None:
    """Return who an edit is attributed to: the signed-in user, or None (anonymous)."""
    return user if getattr(user, "is_authenticated", False) else None


ANONYMOUS_NAME = "Anonieme bewerker"


def display_name(user: User | None) -> str:
    """Return the name shown for an author; anonymous edits have a fixed marker."""
    return user.display_name if user is not None else ANONYMOUS_NAME
