"""Pending search-index work, recorded in the same transaction as the page change."""

from datetime import datetime

from sqlalchemy import false
from sqlalchemy.orm import Mapped, mapped_column

from wiki.extensions import db
from wiki.models.types import UTCDateTime, utcnow


class IndexTask(db.Model):
    """A page whose index entry must be refreshed; deleted once the index has it.

    No foreign key to pages: a task for a page that no longer exists still tells the
    index to drop that page. A task with rebuild set asks for a whole new index (the
    vocabulary page changed), so it stays until a rebuild has covered it.
    """

    __tablename__ = "index_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(index=True)
    rebuild: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<IndexTask {self.id} for page {self.page_id}>"
