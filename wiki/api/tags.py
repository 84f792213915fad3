"""/api/v1/tags: the tags in use, by name, and the pages carrying one."""

from wiki.api import bp, caller, listed, operation, schemas, serializers
from wiki.services import tags

TAGS = ["Labels"]


@bp.get("/tags")
@operation({200: schemas.TagList}, tags=TAGS)
def list_tags(query: schemas.TagsQuery):
    """De labels met het aantal pagina's; met q alleen de labels die zo beginnen."""
    found = tags.list_tags(
        caller(), prefix=query.q or "", number=query.page, per_page=query.per_page
    )
    return listed(found, {"tags": [serializers.tag(tag, count) for tag, count in found.items]})


@bp.get("/tags/<path:name>")
@operation({200: schemas.TagDetail}, errors=[404], tags=TAGS)
def get_tag(name: str, query: schemas.Paging):
    """Eén label en de pagina's die het hebben, op soort en titel."""
    tag = tags.get_tag(name)
    found = tags.paginated_pages_with(tag, caller(), number=query.page, per_page=query.per_page)
    body = {
        **serializers.tag(tag, found.total),
        "pages": [serializers.page_summary(p) for p in found.items],
    }
    return listed(found, body)
