"""Pages, their append-only revisions, and the links between pages."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.extensions import db
from wiki.models.tag import Tag, page_tags
from wiki.models.types import JSONType, UTCDateTime, utcnow
from wiki.models.user import User


class Page(db.Model):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    # Denormalised from the current revision so lists need no join to sort by title.
    title: Mapped[str] = mapped_column(String(200))
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_pages_current_revision_id_revisions")
    )
    is_hidden: Mapped[bool] = mapped_column(default=False)
    is_protected: Mapped[bool] = mapped_column(default=False)
    # For new contributions: "unreviewed" (published, listed for review), "held"
    # (visible to its author and moderators only) or None (reviewed, or seed content).
    review_state: Mapped[str | None] = mapped_column(String(20), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    current_revision: Mapped["Revision | None"] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary=page_tags, order_by=Tag.key)

    def __repr__(self) -> str:
        return f"<Page {self.kind}/{self.slug}>"


class Revision(db.Model):
    """One saved state of a page: body, structured fields and tags, never changed."""

    __tablename__ = "revisions"
    # Two saves on the same base cannot both become its child: the database refuses one.
    __table_args__ = (
        UniqueConstraint("page_id", "parent_id"),
        Index("ix_revisions_page_id_id", "page_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict] = mapped_column(JSONType, default=dict)
    tags: Mapped[list] = mapped_column(JSONType, default=list)
    summary: Mapped[str] = mapped_column(String(500), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Characters of body plus fields, for the size change shown in history.
    size: Mapped[int] = mapped_column(default=0)
    # Rendered HTML of the body and markdown fields; a cache, rebuilt when cleared.
    rendered: Mapped[dict | None] = mapped_column(JSONType)
    # Readers see "anoniem"; the author is kept for moderators only.
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    # Curation: the text hidden from non-moderators (kept), and who reviewed it.
    is_hidden: Mapped[bool] = mapped_column(default=False)
    patrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    patrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    page: Mapped[Page] = relationship(foreign_keys=[page_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    patrolled_by: Mapped[User | None] = relationship(foreign_keys=[patrolled_by_id])

    def __repr__(self) -> str:
        return f"<Revision {self.id} of page {self.page_id}>"


class PageLink(db.Model):
    """A link from a page's current revision to another page, by slug.

    `via` says where the link comes from: "body" for wiki links in markdown, or the
    name of a structured field (e.g. "principles"). Targets are slugs, so links to
    pages that do not exist yet are kept and show up once the page is created.
    """

    __tablename__ = "page_links"
    __table_args__ = (UniqueConstraint("source_id", "target_slug", "via"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    target_slug: Mapped[str] = mapped_column(String(200), index=True)
    via: Mapped[str] = mapped_column(String(40))

    source: Mapped[Page] = relationship()


class PageRedirect(db.Model):
    """An old slug of a renamed page: links and addresses that use it still arrive."""

    __tablename__ = "page_redirects"

    id: Mapped[int] = mapped_column(primary_key=True)
    old_slug: Mapped[str] = mapped_column(String(200), unique=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
