"""Who may see and do what. Every rule about roles lives here and nowhere else."""

from sqlalchemy import Select

from wiki.models import Page


def visible(stmt: Select, user=None) -> Select:
    """Restrict a query over Page to the pages user may see."""
    if user is not None and getattr(user, "role", None) in ("moderator", "admin"):
        return stmt
    return stmt.where(Page.is_hidden.is_(False))


def can_see(page: Page, user=None) -> bool:
    """Tell whether user may see page."""
    if not page.is_hidden:
        return True
    return user is not None and getattr(user, "role", None) in ("moderator", "admin")
