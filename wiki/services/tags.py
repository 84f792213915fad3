"""Tags: cleaning names and attaching them to pages. Tags are identified by folded key."""

from sqlalchemy import select

from wiki.errors import Invalid
from wiki.extensions import db
from wiki.models import Page, Tag
from wiki.services.slugs import fold

MAX_TAG = 60
MAX_TAGS = 20


def tag_key(name: str) -> str:
    """Return the identity of a tag name: folded, inner spaces collapsed."""
    return " ".join(fold(name).split())


def clean_tags(names) -> list[str]:
    """Return tag names trimmed and deduplicated by key, or raise Invalid."""
    if isinstance(names, str):
        names = names.split(",")
    if not isinstance(names, list | tuple):
        raise Invalid(errors={"tags": "Geef de labels als een lijst."})
    cleaned, keys = [], set()
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > MAX_TAG or "<" in name or ">" in name:
            raise Invalid(
                errors={"tags": f"Een label is hoogstens {MAX_TAG} tekens, zonder < of >."}
            )
        if tag_key(name) not in keys:
            keys.add(tag_key(name))
            cleaned.append(name)
    if len(cleaned) > MAX_TAGS:
        raise Invalid(errors={"tags": f"Gebruik hoogstens {MAX_TAGS} labels."})
    return cleaned


def set_page_tags(page: Page, names: list[str]) -> None:
    """Point page's tags at names, reusing existing tags by key (one query)."""
    keys = {tag_key(name): name for name in names}
    existing = {t.key: t for t in db.session.scalars(select(Tag).where(Tag.key.in_(keys)))}
    tags = []
    for key, name in keys.items():
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=name, key=key)
            db.session.add(tag)
        tags.append(tag)
    page.tags = tags
