"""/api/v1 for telling the moderators: report a page or one of its revisions."""

from wiki.api import bp, caller, operation, schemas
from wiki.services import moderation, pages

TAGS = ["Bijdragen"]


@bp.post("/pages/<slug>/reports")
@operation({201: schemas.Report}, errors=[403, 404], write=True, tags=TAGS)
def report(slug: str, json: schemas.ReportCreate):
    """Meld een pagina of één van haar versies bij de moderatoren, met een reden."""
    page = pages.get_page(slug, caller())
    item = moderation.report(caller(), page, json.reason, json.revision)
    return {
        "id": item.id,
        "status": item.status,
        "message": "Dank je. Een moderator bekijkt je melding.",
    }, 201
