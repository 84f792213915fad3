"""Accounts: registering, signing in, passwords, API tokens, roles, blocks and AVG rights."""

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from wiki import dates, permissions
from wiki.errors import Forbidden, Invalid, NotFound, TooManyAttempts
from wiki.extensions import db
from wiki.models import (
    ApiToken,
    AuditEntry,
    Page,
    Report,
    Revision,
    SecondFactor,
    SuggestedChange,
    User,
)
from wiki.models.types import utcnow
from wiki.models.user import FORMER_USERNAME, ROLES, SYSTEM_USERNAME, role_name
from wiki.services import attempts, audit, best_effort, mail
from wiki.services.slugs import slugify

ANONYMOUS_NAME = "Anonieme bewerker"
EMAIL_RE = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")
MIN_PASSWORD = 10
RESET_MAX_AGE = 60 * 60  # seconds a reset link stays valid
# A token's "last used" is a date on the account page: writing it once in a while will do.
TOKEN_USE_PRECISION = timedelta(minutes=5)


def _special_user(username: str, display_name: str) -> User:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, display_name=display_name, role="editor", is_system=True)
        db.session.add(user)
        db.session.flush()
    return user


def system_user() -> User:
    """Return the system user that authored the seed (no password: cannot sign in)."""
    return _special_user(SYSTEM_USERNAME, "AV-wiki (startinhoud)")


def former_employee() -> User:
    """Return the user that keeps the revisions of deleted accounts."""
    return _special_user(FORMER_USERNAME, "Voormalig medewerker")


def load_user(user_id: str) -> User | None:
    """Return the user with this id for Flask-Login; system users never sign in."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return None if user is None or user.is_system else user


def actor_for(user) -> User | None:
    """Return who an act is attributed to: the signed-in user, or None."""
    return user if getattr(user, "is_authenticated", False) else None


def display_name(user: User | None) -> str:
    """Return the name shown for an author; e-mail addresses are never shown."""
    return user.display_name if user is not None else ANONYMOUS_NAME


ANONYMOUS_CONTRIBUTION = "Anoniem"


def author_label(revision, viewer) -> str:
    """Return the author of a revision as viewer may see it (anonymous for non-moderators)."""
    if revision.is_anonymous and not permissions.is_curator(viewer):
        return ANONYMOUS_CONTRIBUTION
    name = display_name(revision.author)
    return f"{name} (anoniem gedeeld)" if revision.is_anonymous else name


# --- registering and signing in ------------------------------------------------------


def _clean_email(email) -> str:
    return str(email or "").strip().lower()


def _check_password(password: str, errors: dict, field: str = "password") -> None:
    if len(password or "") < MIN_PASSWORD:
        errors[field] = f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens."


def register(*, name, email, password, role: str = "editor") -> User:
    """Create an account; the e-mail domain must be allowed when a list is configured."""
    name, email = " ".join(str(name or "").split()), _clean_email(email)
    errors: dict[str, str] = {}
    if not 2 <= len(name) <= 120 or "<" in name or ">" in name:
        errors["name"] = "Vul je naam in (2 tot 120 tekens, zonder < of >)."
    match = EMAIL_RE.match(email)
    allowed = current_app.config.get("ALLOWED_EMAIL_DOMAINS") or ""
    domains = [d.strip().lower() for d in str(allowed).split(",") if d.strip()]
    if not match or len(email) > 254:
        errors["email"] = "Vul een geldig e-mailadres in, zoals naam@minbzk.nl."
    elif domains and match.group(1) not in domains:
        errors["email"] = f"Registreren kan alleen met een e-mailadres van: {', '.join(domains)}."
    elif db.session.scalar(select(User.id).where(User.email == email)):
        errors["email"] = (
            "Er is al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord."
        )
    _check_password(password, errors)
    if role not in ROLES:
        errors["role"] = f"Kies een rol uit: {', '.join(ROLES)}."
    if errors:
        raise Invalid(errors=errors)
    user = User(
        username=_free_username(name),
        display_name=name,
        email=email,
        password_hash=generate_password_hash(password),
        role=role,
    )
    db.session.add(user)
    db.session.commit()
    return user


def _free_username(name: str) -> str:
    base = slugify(name)[:70] or "medewerker"
    taken = set(db.session.scalars(select(User.username).where(User.username.like(f"{base}%"))))
    candidate, n = base, 1
    while candidate in taken or candidate in (SYSTEM_USERNAME, FORMER_USERNAME):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def authenticate(email, password, address: str) -> User:
    """Return the user for these credentials; failures are limited per account and address."""
    email = _clean_email(email)
    per_account = current_app.config.get("SIGNIN_LIMIT_ACCOUNT", "5/15 minutes")
    per_address = current_app.config.get("SIGNIN_LIMIT_ADDRESS", "20/15 minutes")
    if not attempts.allowed(per_account, "signin-account", email) or not attempts.allowed(
        per_address, "signin-address", address
    ):
        raise TooManyAttempts(
            "Te veel mislukte pogingen om in te loggen. Wacht een kwartier en probeer het dan "
            "opnieuw, of vraag een nieuw wachtwoord aan."
        )
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or user.is_system or not password_matches(user, password):
        attempts.failed(per_account, "signin-account", email)
        attempts.failed(per_address, "signin-address", address)
        raise Invalid("Het e-mailadres of wachtwoord klopt niet.")
    return user


def password_matches(user: User, password) -> bool:
    """Tell whether password is user's password (accounts without one match nothing)."""
    return bool(user.password_hash) and check_password_hash(user.password_hash, password or "")


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one."""
    errors: dict[str, str] = {}
    if not password_matches(user, current):
        errors["current"] = "Je huidige wachtwoord klopt niet."
    _check_password(new, errors, "new")
    if errors:
        raise Invalid(errors=errors)
    user.password_hash = generate_password_hash(new)
    db.session.commit()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="wachtwoord-herstel")


def request_password_reset(email, link_for) -> None:
    """Mail a signed, expiring reset link if the account exists (the answer is the same)."""
    user = db.session.scalar(select(User).where(User.email == _clean_email(email)))
    if user is None or user.is_system:
        return
    # The token carries part of the current hash, so it stops working once used.
    token = _reset_serializer().dumps({"id": user.id, "h": (user.password_hash or "")[-16:]})
    mail.send(
        user.email,
        "Nieuw wachtwoord voor de AV-wiki",
        f"Beste {user.display_name},\n\nKies een nieuw wachtwoord via deze link. "
        f"De link werkt een uur.\n\n{link_for(token)}\n\n"
        "Heb je dit niet zelf gevraagd? Dan kun je deze mail negeren.",
    )


def reset_password(token: str, new: str) -> User:
    """Set a new password with a reset token; expired or used tokens are refused."""
    try:
        data = _reset_serializer().loads(token, max_age=RESET_MAX_AGE)
    except SignatureExpired:
        raise Invalid("Deze link is verlopen. Vraag een nieuwe aan.") from None
    except BadSignature:
        raise Invalid("Deze link klopt niet of is al gebruikt. Vraag een nieuwe aan.") from None
    user = db.session.get(User, data.get("id"))
    if user is None or (user.password_hash or "")[-16:] != data.get("h"):
        raise Invalid("Deze link klopt niet of is al gebruikt. Vraag een nieuwe aan.")
    errors: dict[str, str] = {}
    _check_password(new, errors, "new")
    if errors:
        raise Invalid(errors=errors)
    user.password_hash = generate_password_hash(new)
    db.session.commit()
    return user


# --- API tokens ----------------------------------------------------------------------


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str = "API-token") -> tuple[ApiToken, str]:
    """Create a personal API token; the secret is returned once and never stored."""
    name = " ".join(str(name or "").split())[:80] or "API-token"
    secret = "avw_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=_hash_token(secret))
    db.session.add(token)
    db.session.commit()
    return token, secret


def revoke_token(user: User, token_id: int) -> None:
    """Revoke one of user's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("Dit token bestaat niet.")
    if token.user_id != user.id:
        raise Forbidden("Je kunt alleen je eigen tokens intrekken.")
    db.session.delete(token)
    db.session.commit()


def user_for_token(secret: str) -> User | None:
    """Return the user a bearer token belongs to, or None."""
    if not secret:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash_token(secret)))
    if token is None or token.user.is_system:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_PRECISION:
        # On the side, so an API read never commits and never fails on this write.
        used = update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
        best_effort.execute(used, f"note the use of API token {token.id}")
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
        )
    )


# --- roles, blocks, and the user's own data ----------------------------------------


def get_user(username: str) -> User:
    """Return the user called username, or raise NotFound."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"De gebruiker '{username}' bestaat niet.")
    return user


def find_user(name: str) -> User:
    """Return the person with this username or e-mail address, or raise NotFound."""
    stmt = select(User).where(or_(User.username == name, User.email == _clean_email(name)))
    user = db.session.scalar(stmt)
    if user is None or user.is_system:
        raise NotFound(f"Gebruiker '{name}' bestaat niet.")
    return user


def list_users(actor) -> list[User]:
    permissions.check(actor, "admin")
    stmt = select(User).where(User.is_system.is_(False)).order_by(func.lower(User.display_name))
    return list(db.session.scalars(stmt))


def set_role(actor: User | None, user: User, role: str, *, reason: str = "") -> None:
    """Give user a role; admins only (actor None: the command line)."""
    if actor is not None:
        permissions.check(actor, "admin")
    if role not in ROLES:
        raise Invalid(errors={"role": f"Kies een rol uit: {', '.join(ROLES)}."})
    old, user.role = user.role, role
    audit.record(actor, "user.role", user.username, reason, old=old, new=role)
    db.session.commit()


def block(actor: User, user: User, *, until: datetime, reason: str) -> None:
    """Block user from writing until a date, with a reason they see."""
    permissions.check(actor, "moderate")
    errors = {}
    if until is None or until <= utcnow():
        errors["until"] = "Kies een einddatum in de toekomst."
    if not (reason or "").strip():
        errors["reason"] = "Geef een reden; de gebruiker ziet die."
    if user.id == actor.id:
        errors["user"] = "Je kunt jezelf niet blokkeren."
    if errors:
        raise Invalid(errors=errors)
    user.blocked_until, user.block_reason = until, reason.strip()[:500]
    audit.record(actor, "user.block", user.username, reason, until=until.isoformat())
    db.session.commit()


def unblock(actor: User, user: User, *, reason: str = "") -> None:
    permissions.check(actor, "moderate")
    user.blocked_until, user.block_reason = None, None
    audit.record(actor, "user.unblock", user.username, reason)
    db.session.commit()


def my_data(user: User) -> dict:
    """Everything the wiki keeps about user (AVG inzage)."""
    edits = db.session.scalar(select(func.count()).where(Revision.author_id == user.id))
    factor = db.session.scalar(select(SecondFactor).where(SecondFactor.user_id == user.id))
    return {
        "naam": user.display_name,
        "gebruikersnaam": user.username,
        "e-mail": user.email,
        "rol": role_name(user.role),
        "account aangemaakt": dates.machine(user.created_at),
        "aantal bewerkingen": edits,
        "geblokkeerd tot": dates.machine(user.blocked_until) or None,
        # The app's secret and the recovery codes are never handed out, not even here.
        "tweestapsverificatie aan sinds": dates.machine(factor.created_at) if factor else None,
        "API-tokens": [
            {"naam": t.name, "aangemaakt": dates.machine(t.created_at)} for t in tokens_of(user)
        ],
    }


def delete_account(user: User, password: str) -> None:
    """Delete an account; its revisions stay, attributed to "Voormalig medewerker"."""
    if not password_matches(user, password):
        raise Invalid(errors={"password": "Je wachtwoord klopt niet."})
    former = former_employee()
    for model, column in (
        (Revision, Revision.author_id),
        (Revision, Revision.patrolled_by_id),
        (SuggestedChange, SuggestedChange.author_id),
        (SuggestedChange, SuggestedChange.reviewed_by_id),
        (Report, Report.reporter_id),
        (Report, Report.closed_by_id),
    ):
        db.session.execute(update(model).where(column == user.id).values({column: former.id}))
    _reattribute_remaining(user, former)
    audit.record(None, "user.delete", f"gebruiker {user.id}")
    db.session.delete(user)
    db.session.commit()


def _reattribute_remaining(user: User, former: User) -> None:
    db.session.execute(
        update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_id=former.id)
    )
    db.session.execute(
        update(Page).where(Page.created_by_id == user.id).values(created_by_id=former.id)
    )
