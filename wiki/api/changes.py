"""/api/v1/changes and a person's contributions: the same lists as the HTML pages."""

from wiki.api import bp, caller, listed, operation, schemas, serializers
from wiki.services import history

TAGS = ["Wijzigingen"]


@bp.get("/changes")
@operation({200: schemas.ChangeList}, tags=TAGS)
def recent_changes(query: schemas.ChangesQuery):
    """Recente wijzigingen in de hele wiki, nieuwste eerst, eventueel van één soort pagina."""
    found = history.recent_changes(
        user=caller(), kind=query.kind, number=query.page, per_page=query.per_page
    )
    return listed(found, {"changes": [serializers.change(e) for e in found.items]})


@bp.get("/users/<username>/contributions")
@operation({200: schemas.ChangeList}, errors=[404], tags=TAGS)
def contributions(username: str, query: schemas.Paging):
    """De bijdragen van één persoon, nieuwste eerst (anonieme bijdragen tellen niet mee)."""
    person = history.get_user(username)
    found = history.recent_changes(
        user=caller(), author=person, number=query.page, per_page=query.per_page
    )
    return listed(found, {"changes": [serializers.change(e) for e in found.items]})
