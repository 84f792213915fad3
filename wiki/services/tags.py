"""Tags: cleaning names and attaching them to pages. Tags are identified by folded key."""

from dataclasses import replace

from sqlalchemy import delete, func, insert, select

from wiki import permissions
from wiki.errors import Invalid, NotFound
from wiki.extensions import db
from wiki.models import Page, Tag, page_tags
from wiki.pagination import PER_PAGE, Pagination, paginate
from wiki.search import sync as search_sync
from wiki.services import audit
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


# --- finding and curating tags ---------------------------------------------------------
#
# Merging, renaming and deleting change the tag itself and which pages carry it, in one
# audited act; they do not add a revision to every page (a merge over 200 pages would
# bury real edits in history and recent changes). Revisions keep the tag names as they
# were when saved; the edit form starts from the page's current tags.


def tag_counts(user) -> list[tuple[Tag, int]]:
    """Every tag with the number of visible pages carrying it, by name."""
    visible_pages = permissions.visible(select(Page.id), user)
    stmt = (
        select(Tag, func.count(page_tags.c.page_id))
        .join(page_tags, page_tags.c.tag_id == Tag.id)
        .where(page_tags.c.page_id.in_(visible_pages))
        .group_by(Tag.id)
        .order_by(Tag.key)
    )
    return [(tag, count) for tag, count in db.session.execute(stmt)]


def list_tags(user, *, prefix: str = "", number: int = 1, per_page: int = PER_PAGE) -> Pagination:
    """One page of the tags on visible pages, by name, as (tag, count); prefix narrows them."""
    visible_pages = permissions.visible(select(Page.id), user)
    in_use = select(page_tags.c.tag_id).where(page_tags.c.page_id.in_(visible_pages))
    stmt = select(Tag).where(Tag.id.in_(in_use)).order_by(Tag.key)
    if tag_key(prefix or ""):
        stmt = stmt.where(_starts_like(prefix))
    found = paginate(stmt, number, per_page)
    counts = dict(
        db.session.execute(
            select(page_tags.c.tag_id, func.count())
            .where(page_tags.c.tag_id.in_([t.id for t in found.items]))
            .where(page_tags.c.page_id.in_(visible_pages))
            .group_by(page_tags.c.tag_id)
        ).all()
    )
    return replace(found, items=[(tag, counts.get(tag.id, 0)) for tag in found.items])


def get_tag(name: str) -> Tag:
    """Return the tag with this name (any case or accents), or raise NotFound."""
    tag = db.session.scalar(select(Tag).where(Tag.key == tag_key(name)))
    if tag is None:
        raise NotFound(f"Het label '{name}' bestaat niet.")
    return tag


def _pages_with(tag: Tag, user):
    return permissions.visible(
        select(Page)
        .join(page_tags, page_tags.c.page_id == Page.id)
        .where(page_tags.c.tag_id == tag.id),
        user,
    ).order_by(Page.kind, Page.title)


def pages_with(tag: Tag, user) -> list[Page]:
    """The visible pages carrying tag, by kind and title."""
    return list(db.session.scalars(_pages_with(tag, user)))


def paginated_pages_with(
    tag: Tag, user, *, number: int = 1, per_page: int = PER_PAGE
) -> Pagination:
    """One page of the visible pages carrying tag, by kind and title, with the total."""
    return paginate(_pages_with(tag, user), number, per_page)


def _starts_like(prefix: str):
    """The condition "the tag's key begins like prefix" (LIKE with its wildcards escaped)."""
    key = tag_key(prefix)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Tag.key.like(f"{escaped}%", escape="\\")


def _after_tag_change(page_ids: set[int]) -> None:
    for page in db.session.scalars(select(Page).where(Page.id.in_(page_ids))):
        search_sync.record(page)


def rename(actor, tag: Tag, new_name: str, reason: str = "") -> Tag:
    """Give a tag a new name; if that name is another tag's, merge into it."""
    permissions.check(actor, "moderate")
    [name] = clean_tags([new_name]) or [""]
    if not name:
        raise Invalid(errors={"name": "Geef de nieuwe naam van het label."})
    other = db.session.scalar(select(Tag).where(Tag.key == tag_key(name), Tag.id != tag.id))
    if other is not None:
        return merge(actor, tag, other, reason)
    old, tag.name, tag.key = tag.name, name, tag_key(name)
    audit.record(actor, "tag.rename", f"label {old}", reason, new=name)
    _after_tag_change(
        set(db.session.scalars(select(page_tags.c.page_id).where(page_tags.c.tag_id == tag.id)))
    )
    db.session.commit()
    search_sync.apply_pending()
    return tag


def merge(actor, source: Tag, target: Tag, reason: str = "") -> Tag:
    """Move every page of source to target (the union) and remove source."""
    permissions.check(actor, "moderate")
    if source.id == target.id:
        raise Invalid(errors={"target": "Kies een ander label om mee samen te voegen."})
    source_pages = set(
        db.session.scalars(select(page_tags.c.page_id).where(page_tags.c.tag_id == source.id))
    )
    target_pages = set(
        db.session.scalars(select(page_tags.c.page_id).where(page_tags.c.tag_id == target.id))
    )
    moving = source_pages - target_pages
    if moving:
        db.session.execute(insert(page_tags), [{"page_id": p, "tag_id": target.id} for p in moving])
    db.session.execute(delete(page_tags).where(page_tags.c.tag_id == source.id))
    audit.record(
        actor,
        "tag.merge",
        f"label {source.name}",
        reason,
        into=target.name,
        pages=len(source_pages),
    )
    db.session.delete(source)
    _after_tag_change(source_pages)
    db.session.commit()
    search_sync.apply_pending()
    return target


def remove(actor, tag: Tag, reason: str = "") -> None:
    """Delete a tag from every page."""
    permissions.check(actor, "moderate")
    affected = set(
        db.session.scalars(select(page_tags.c.page_id).where(page_tags.c.tag_id == tag.id))
    )
    db.session.execute(delete(page_tags).where(page_tags.c.tag_id == tag.id))
    audit.record(actor, "tag.delete", f"label {tag.name}", reason, pages=len(affected))
    db.session.delete(tag)
    _after_tag_change(affected)
    db.session.commit()
    search_sync.apply_pending()
