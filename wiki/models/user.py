"""People who read, edit and curate, plus the system user that authored the seed."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.extensions import db
from wiki.models.types import UTCDateTime, utcnow

ROLES = ("editor", "moderator", "admin")
# The one mapping from a role to its Dutch name (GLOSSARY.md): every door shows these.
ROLE_LABELS = {"editor": "Medewerker", "moderator": "Moderator", "admin": "Beheerder"}


def role_name(role: str) -> str:
    """Return the Dutch name of a role in lower case: "editor" → "medewerker"."""
    return ROLE_LABELS.get(role, role).lower()


def role_from_name(name: str) -> str:
    """Return the role a Dutch name or a role code means ("beheerder" → "admin")."""
    wanted = (name or "").strip().lower()
    by_name = {label.lower(): role for role, label in ROLE_LABELS.items()}
    return by_name.get(wanted, wanted)


SYSTEM_USERNAME = "systeem"
# Revisions of deleted accounts are kept and attributed to this user (AVG).
FORMER_USERNAME = "voormalig-medewerker"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="editor")
    is_system: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    block_reason: Mapped[str | None] = mapped_column(String(500))

    def __repr__(self) -> str:
        return f"<User {self.username}>"

    def is_blocked(self, now: datetime | None = None) -> bool:
        """Tell whether a block is in force now."""
        return self.blocked_until is not None and self.blocked_until > (now or utcnow())


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
