"""titles with letters that do not decompose also answer to their transliterated slug

Slugs are now made by python-slugify, which transliterates ("Ørsted en Æsop" →
orsted-en-aesop) where the old rule dropped such letters (rsted-en-sop). Pages keep
their slug; where the new rule gives another one, that one becomes a redirect, so
[[Ørsted en Æsop]] and the new address find the page, and the title stays taken.

Revision ID: 5e1f0c3a8b27
Revises: 9b4e2d7c1a05
Create Date: 2026-11-30

"""
import re
import unicodedata
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
from slugify import slugify

# revision identifiers, used by Alembic.
revision = '5e1f0c3a8b27'
down_revision = '9b4e2d7c1a05'
branch_labels = None
depends_on = None

APOSTROPHES = "'’‘´`"


def _without_apostrophes(title):
    for mark in APOSTROPHES:
        title = title.replace(mark, "")
    return title


def _old_slug(title):
    decomposed = unicodedata.normalize("NFKD", _without_apostrophes(title))
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:200]


def _new_slug(title):
    return slugify(_without_apostrophes(title), max_length=200, word_boundary=False)


def upgrade():
    redirects = sa.table(
        "page_redirects",
        sa.column("old_slug", sa.String),
        sa.column("page_id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(timezone.utc)
    conn = op.get_bind()
    pages = conn.execute(sa.text("SELECT id, slug, title FROM pages")).all()
    taken = {slug for _, slug, _ in pages}
    taken |= set(conn.execute(sa.text("SELECT old_slug FROM page_redirects")).scalars())
    rows = []
    for page_id, slug, title in pages:
        new = _new_slug(title)
        if slug == _old_slug(title) and new and new != slug and new not in taken:
            rows.append({"old_slug": new, "page_id": page_id, "created_at": now})
            taken.add(new)
    if rows:
        op.bulk_insert(redirects, rows)


def downgrade():
    # The redirects are harmless, and cannot be told from ones made by renames.
    pass
