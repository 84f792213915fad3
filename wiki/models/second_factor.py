"""A person's second factor at sign-in: an authenticator app (TOTP) and recovery codes."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.extensions import db
from wiki.models.types import UTCDateTime, utcnow
from wiki.models.user import User


class SecondFactor(db.Model):
    """The shared secret of someone's authenticator app (RFC 6238); one per person.

    The app and the wiki both need the secret to compute codes, so it cannot be hashed;
    it is never shown again after setup and never leaves the wiki.
    """

    __tablename__ = "second_factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The 30-second step of the last code accepted: each code works once (RFC 6238, 5.2).
    last_step: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship()


class RecoveryCode(db.Model):
    """A single-use code for signing in without the app; only its SHA-256 is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
