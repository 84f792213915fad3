"""Typed tables. Import models from here: from wiki.models import Page, Revision."""

from wiki.models.page import Page, PageLink, PageRedirect, Revision
from wiki.models.tag import Tag, page_tags
from wiki.models.user import User

__all__ = ["Page", "PageLink", "PageRedirect", "Revision", "Tag", "User", "page_tags"]
