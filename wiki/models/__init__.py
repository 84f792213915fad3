"""Typed tables. Import models from here: from wiki.models import Page, Revision."""

from wiki.models.contribution import Perspective, PrincipleVote
from wiki.models.moderation import AuditEntry, Report, SuggestedChange
from wiki.models.page import Page, PageLink, PageRedirect, Revision
from wiki.models.search import IndexTask
from wiki.models.second_factor import RecoveryCode, SecondFactor
from wiki.models.tag import Tag, page_tags
from wiki.models.user import ApiToken, User

__all__ = [
    "ApiToken",
    "AuditEntry",
    "IndexTask",
    "Page",
    "PageLink",
    "PageRedirect",
    "Perspective",
    "PrincipleVote",
    "RecoveryCode",
    "Report",
    "Revision",
    "SecondFactor",
    "SuggestedChange",
    "Tag",
    "User",
    "page_tags",
]
