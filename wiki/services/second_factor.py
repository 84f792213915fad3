"""The second step of signing in: a code from an authenticator app, or a recovery code.

Codes follow TOTP (RFC 6238) through pyotp: six digits that change every 30 seconds,
computed by the app and the wiki from a shared secret. Each code works once, and a code
from the step before or after is accepted for clocks that drift. Ten single-use recovery
codes are shown once at setup and kept only as SHA-256. Wrong codes count towards
WIKI_SECOND_FACTOR_LIMIT per account, recovery codes included.
"""

import base64
import hashlib
import hmac
import re
import secrets
import time

import pyotp
from flask import current_app
from sqlalchemy import delete, func, select, update

from wiki import permissions
from wiki.errors import Forbidden, Invalid, TooManyAttempts
from wiki.extensions import db
from wiki.models import RecoveryCode, SecondFactor, User
from wiki.models.types import utcnow
from wiki.services import accounts, attempts, audit

RECOVERY_CODES = 10
# Ten characters without look-alikes (0/o, 1/l/i): about 49 bits each, typed as xxxxx-xxxxx.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10
LIMIT_KIND = "second-factor"

WRONG_CODE = "Deze code klopt niet. Vul de zes cijfers in die je app nu bij AV-wiki laat zien."
USED_CODE = "Deze code is al gebruikt. Wacht tot je app een nieuwe code laat zien."
WRONG_RECOVERY = "Deze herstelcode klopt niet of is al gebruikt."
TOO_MANY = (
    "Je hebt te vaak een verkeerde code ingevuld. Wacht een kwartier en probeer het dan "
    "opnieuw. Lukt het niet? Vraag een beheerder om je tweestapsverificatie te wissen."
)


def factor_of(user: User) -> SecondFactor | None:
    """Return user's authenticator app, if one is set up."""
    return db.session.scalar(select(SecondFactor).where(SecondFactor.user_id == user.id))


def applies_to(user: User) -> bool:
    """Tell whether user signs in with a second step: set up, or required for the role."""
    return permissions.needs_second_factor(user) or factor_of(user) is not None


def proof(user: User) -> str | None:
    """Return what a session keeps to show it passed user's current second step.

    It changes when the factor is reset or replaced, which ends the sessions that passed
    the old one. The secret itself never goes into the session.
    """
    factor = factor_of(user)
    return None if factor is None else fingerprint(user.id, factor.secret)


def fingerprint(user_id: int, secret: str) -> str:
    """Return the proof for a person's secret: their id and a hash that reveals nothing."""
    return f"{user_id}:{hashlib.sha256(secret.encode()).hexdigest()[:20]}"


def setup_secret(user: User, nonce: str) -> str:
    """Return the secret offered to user during setup: 160 bits, base32, from a nonce.

    Derived with the app's key, so the session carries only the nonce, never a secret,
    and the secret a person confirms is always one the wiki chose.
    """
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"second-factor:{user.id}:{nonce}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:20]).decode()


def setup_uri(user: User, secret: str) -> str:
    """Return the otpauth:// address an app reads from the QR code."""
    issuer = current_app.config["SITE_NAME"]
    return pyotp.TOTP(secret).provisioning_uri(name=user.email or user.username, issuer_name=issuer)


def _limit() -> str:
    return current_app.config.get("SECOND_FACTOR_LIMIT", "5/15 minutes")


def _check_limit(user: User) -> None:
    if not attempts.allowed(_limit(), LIMIT_KIND, str(user.id)):
        raise TooManyAttempts(TOO_MANY)


def _wrong(user: User, message: str, field: str = "code") -> Invalid:
    attempts.failed(_limit(), LIMIT_KIND, str(user.id))
    return Invalid(message, errors={field: message})


def _matching_step(secret: str, code) -> int | None:
    """Return the 30-second step whose code this is (now, or one step off), or None."""
    code = re.sub(r"\s", "", str(code or ""))
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify(user: User, code) -> None:
    """Accept a code from user's app once, or raise Invalid or TooManyAttempts."""
    _check_limit(user)
    factor = factor_of(user)
    step = _matching_step(factor.secret, code) if factor else None
    if step is None:
        raise _wrong(user, WRONG_CODE)
    # One UPDATE decides, so two requests racing with the same code cannot both pass.
    accepted = db.session.execute(
        update(SecondFactor)
        .where(SecondFactor.id == factor.id, SecondFactor.last_step < step)
        .values(last_step=step)
    ).rowcount
    db.session.commit()
    if not accepted:
        raise _wrong(user, USED_CODE)


def _hash_recovery(code) -> str:
    plain = re.sub(r"[\s-]", "", str(code or "")).lower()
    return hashlib.sha256(plain.encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        plain = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_recovery(plain)))
        codes.append(f"{plain[:5]}-{plain[5:]}")
    return codes


def use_recovery_code(user: User, code) -> int:
    """Accept one of user's recovery codes once; return how many are left."""
    _check_limit(user)
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_recovery(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
    ).rowcount
    db.session.commit()
    if not used:
        raise _wrong(user, WRONG_RECOVERY)
    return recovery_codes_left(user)


def recovery_codes_left(user: User) -> int:
    """Return how many of user's recovery codes are still unused."""
    return db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def _confirm_password(user: User, password) -> None:
    """Check a signed-in person's password again; wrong ones count like wrong codes."""
    _check_limit(user)
    if password is not None and not accounts.password_matches(user, password):
        raise _wrong(user, "Je wachtwoord klopt niet.", "password")


def enable(user: User, nonce: str, code, *, password=None) -> list[str]:
    """Set up user's app once a code proves it works; return the recovery codes (shown once).

    A signed-in person confirms with their password; during sign-in it was just checked
    (password None). An existing factor is replaced, with new recovery codes.
    """
    _confirm_password(user, password)
    secret = setup_secret(user, nonce)
    step = _matching_step(secret, code)
    if step is None:
        raise _wrong(user, WRONG_CODE)
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == user.id))
    db.session.add(SecondFactor(user_id=user.id, secret=secret, last_step=step))
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def renew_recovery_codes(user: User, password) -> list[str]:
    """Replace user's recovery codes with ten new ones, after checking the password."""
    _confirm_password(user, password or "")
    if factor_of(user) is None:
        raise Invalid("Je hebt nog geen tweestapsverificatie ingesteld.")
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def _remove(user: User) -> None:
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def disable(user: User, password) -> None:
    """Turn off an editor's second step; moderators and admins must keep theirs."""
    if permissions.needs_second_factor(user):
        raise Forbidden(
            "Als moderator of beheerder log je altijd in met tweestapsverificatie. "
            "Nieuwe telefoon? Stel de tweestapsverificatie opnieuw in."
        )
    _confirm_password(user, password or "")
    _remove(user)
    db.session.commit()


def reset(actor: User | None, user: User, reason: str = "") -> None:
    """Wipe someone's second step (lost phone and codes); admins only, audited.

    Their sessions end; moderators and admins set up a new app at their next sign-in.
    (actor None: the command line.)
    """
    if actor is not None:
        permissions.check(actor, "admin")
    _remove(user)
    audit.record(actor, "user.second_factor_reset", user.username, reason)
    db.session.commit()
