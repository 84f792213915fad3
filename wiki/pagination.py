"""One way to page through every list: the bounds, the arithmetic and the page object.

HTML lists (`?pagina=`), the API (`page`, `per_page`) and search all use it, so every
list has the same bounds and answers a number outside them with the same Dutch 400.
Database lists go through Flask-SQLAlchemy's `db.paginate`; lists that come from
elsewhere (the search index) are wrapped with `from_slice`.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func

from wiki.errors import BadRequest
from wiki.extensions import db

MAX_PAGE = 10_000
MAX_PER_PAGE = 100
PER_PAGE = 50


@dataclass(frozen=True)
class Pagination:
    """One page of a list: its items, the list's total, and where this page lies."""

    items: Sequence[Any]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    @property
    def first(self) -> int:
        """The position in the whole list of this page's first item (1 on page 1)."""
        return offset(self.page, self.per_page) + 1

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return min(self.page - 1, self.pages) if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def page_count(total: int, per_page: int) -> int:
    """Return how many pages total items fill, at least one (an empty list has a page)."""
    return max(1, math.ceil(total / per_page))


def offset(page: int, per_page: int) -> int:
    """Return how many items come before page."""
    return (page - 1) * per_page


def _number(raw, name: str, default: int, highest: int) -> int:
    if raw is None or raw == "":
        return default
    text = str(raw).strip()
    if not text.isdigit() or not 1 <= int(text) <= highest:
        raise BadRequest(
            f"'{name}' moet een heel getal van 1 tot en met {highest:,} zijn.".replace(",", ".")
        )
    return int(text)


def page_args(
    page=None,
    per_page=None,
    *,
    default_per_page: int = PER_PAGE,
    names: tuple[str, str] = ("page", "per_page"),
) -> tuple[int, int]:
    """Read a page number and a page size (as sent: text or None); a Dutch 400 outside bounds.

    names: the parameter names the caller used, for the message (HTML lists say "pagina").
    """
    return (
        _number(page, names[0], 1, MAX_PAGE),
        _number(per_page, names[1], default_per_page, MAX_PER_PAGE),
    )


def paginate(stmt, page: int, per_page: int) -> Pagination:
    """Return one page of a select of entities, with the total, via db.paginate.

    The total is counted over the same FROM and WHERE, without selecting the entity's
    columns, so a list that defers large columns does not name them to count.
    """
    found = db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=False)
    counting = stmt.order_by(None).with_only_columns(func.count(), maintain_column_froms=True)
    return Pagination(list(found.items), db.session.scalar(counting) or 0, page, per_page)


def from_slice(items: Sequence[Any], total: int, page: int, per_page: int) -> Pagination:
    """Wrap a page of items fetched elsewhere (the search index) with its total."""
    return Pagination(list(items), total, page, per_page)
