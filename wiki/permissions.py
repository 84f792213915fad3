"""Who may see and do what. Every rule about roles lives here and nowhere else.

Until accounts arrive, anyone may edit, create and revert (MediaWiki's anonymous
editing); hidden pages are for moderators only. Views and templates ask `can`, services
call `check`, listings go through `visible`.
"""

from sqlalchemy import Select

from wiki.errors import Forbidden
from wiki.models import Page

CURATORS = ("moderator", "admin")
ACTIONS = ("read", "edit", "create", "revert")


def _role(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "role", None)


def visible(stmt: Select, user=None) -> Select:
    """Restrict a query over Page to the pages user may see."""
    if _role(user) in CURATORS:
        return stmt
    return stmt.where(Page.is_hidden.is_(False))


def can_see(page: Page, user=None) -> bool:
    """Tell whether user may see page."""
    return not page.is_hidden or _role(user) in CURATORS


def can(user, action: str, page: Page | None = None) -> bool:
    """Tell whether user may do action (on page)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return page is None or can_see(page, user)


def check(user, action: str, page: Page | None = None) -> None:
    """Raise Forbidden unless user may do action (on page)."""
    if not can(user, action, page):
        raise Forbidden()
