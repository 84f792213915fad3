"""Who may see and do what. Every rule about roles lives here and nowhere else.

Services call `check` before they change anything, listings go through `visible`,
and templates ask `can` only to decide what to show.

| action        | who                                                      |
|---------------|----------------------------------------------------------|
| read          | everyone (signed-in users only if ANONYMOUS_READ is off) |
| create        | signed-in, not blocked                                   |
| edit, revert  | signed-in, not blocked; protected pages: moderators      |
| suggest       | signed-in, not blocked, on a protected page; an editor's |
|               | edit of a protected page is saved as a suggestion        |
| report        | signed-in, not blocked                                   |
| moderate      | moderators and admins: review, hide, protect, block, tags |
| admin         | admins: users and roles                                  |

Moderators and admins sign in with a second step (`needs_second_factor`, BIO). The
API's personal tokens are unchanged: a token is a secret on its own, made on the account
page (behind that sign-in) or by an operator with `wiki token create`.
"""

from flask import current_app
from sqlalchemy import Select, and_, or_

from wiki import dates
from wiki.errors import Forbidden, Unauthorized
from wiki.models import Page, Revision

CURATORS = ("moderator", "admin")
ACTIONS = ("read", "create", "edit", "revert", "suggest", "report", "moderate", "admin")


def _user(user):
    """Return user when signed in, else None."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _role(user) -> str | None:
    user = _user(user)
    return None if user is None else user.role


def is_curator(user) -> bool:
    """Tell whether user is a moderator or admin."""
    return _role(user) in CURATORS


def needs_second_factor(user) -> bool:
    """Tell whether user must pass a second step at sign-in (privileged accounts)."""
    return is_curator(user)


def sees_anonymous_work_of(user, author) -> bool:
    """Tell whether user may see author's anonymous contributions in author's list.

    Moderators may (to act on abuse), and so may the author: it is their own list.
    """
    me = _user(user)
    return is_curator(user) or (me is not None and author is not None and me.id == author.id)


def _can_write(user) -> bool:
    user = _user(user)
    # System users (the seed's author) cannot sign in; they act only through the seed.
    return user is not None and not user.is_blocked()


def visible(stmt: Select, user=None) -> Select:
    """Restrict a query over Page to the pages user may see (one rule for lists and search)."""
    if is_curator(user):
        return stmt
    shown = and_(
        Page.is_hidden.is_(False), or_(Page.review_state.is_(None), Page.review_state != "held")
    )
    me = _user(user)
    if me is not None:
        shown = or_(shown, and_(Page.is_hidden.is_(False), Page.created_by_id == me.id))
    return stmt.where(shown)


def can_see(page: Page, user=None) -> bool:
    """Tell whether user may see page."""
    if is_curator(user):
        return True
    if page.is_hidden:
        return False
    me = _user(user)
    return page.review_state != "held" or (me is not None and page.created_by_id == me.id)


def can_see_text(revision: Revision, user=None) -> bool:
    """Tell whether user may read a revision's text (hidden text is for moderators)."""
    return not revision.is_hidden or is_curator(user)


def anonymous_may_read() -> bool:
    return bool(current_app.config.get("ANONYMOUS_READ", True))


def can(user, action: str, page: Page | None = None) -> bool:
    """Tell whether user may do action (on page)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if page is not None and not can_see(page, user):
        return False
    if action == "read":
        return _user(user) is not None or anonymous_may_read()
    if action == "admin":
        return _role(user) == "admin" and _can_write(user)
    if action == "moderate":
        return is_curator(user) and _can_write(user)
    if not _can_write(user):
        return False
    protected = page is not None and page.is_protected
    if action in ("edit", "revert"):
        return not protected or is_curator(user)
    if action == "suggest":
        return protected
    return True


def edits_as_suggestion(user, page: Page) -> bool:
    """Tell whether user's edit of page is saved as a suggestion (protected, not a curator)."""
    return not can(user, "edit", page) and can(user, "suggest", page)


def check(user, action: str, page: Page | None = None) -> None:
    """Raise Unauthorized (not signed in) or Forbidden unless user may do action."""
    if can(user, action, page):
        return
    me = _user(user)
    if me is None:
        raise Unauthorized()
    if me.is_blocked():
        until = dates.dutch(me.blocked_until, time=False)
        raise Forbidden(f"Je bent geblokkeerd tot {until}. Reden: {me.block_reason or 'geen'}.")
    raise Forbidden()
