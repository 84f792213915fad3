"""/api/v1 for contributions around a dilemma: perspectives and principle votes.

New dilemmas and experiences are pages (POST /api/v1/pages, optionally anonymous);
tags are part of a page (PATCH its tags); reports are in moderation.py.
"""

from wiki.api import bp, caller, operation, schemas, serializers
from wiki.errors import Invalid
from wiki.services import contributions, pages

TAGS = ["Bijdragen"]
# The perspective service calls its text "body"; the API calls it "text".
API_NAMES = {"body": "text"}


def _dilemma(slug: str):
    page = pages.get_page(slug, caller())
    if page.kind != "dilemma":
        raise Invalid("Dit kan alleen bij een dilemma.")
    return page


@bp.get("/pages/<slug>/perspectives")
@operation({200: schemas.PerspectiveList}, errors=[404, 422], tags=TAGS)
def list_perspectives(slug: str):
    """De perspectieven bij een dilemma, per principe in de volgorde van de gids."""
    page = _dilemma(slug)
    return {
        "groups": [
            {
                "principle": group.principle.slug,
                "title": group.principle.title,
                "perspectives": [serializers.perspective(p, caller()) for p in group.perspectives],
            }
            for group in contributions.perspectives(page, caller())
        ]
    }


@bp.post("/pages/<slug>/perspectives")
@operation({201: schemas.Perspective}, errors=[404], write=True, tags=TAGS)
def add_perspective(slug: str, json: schemas.PerspectiveCreate):
    """Zeg wat jij zou doen bij een dilemma, vanuit één principe (anoniem als je wilt)."""
    page = pages.get_page(slug, caller())
    try:
        item = contributions.add_perspective(
            caller(), page, principle=json.principle, body=json.text, anonymous=json.anonymous
        )
    except Invalid as error:
        errors = {API_NAMES.get(name, name): text for name, text in error.errors.items()}
        raise Invalid(error.message, errors=errors) from None
    return serializers.perspective(item, caller()), 201


@bp.get("/pages/<slug>/votes")
@operation({200: schemas.Votes}, errors=[404, 422], tags=TAGS)
def get_votes(slug: str):
    """Hoeveel mensen elk principe kozen bij een dilemma, en je eigen keuze."""
    page = _dilemma(slug)
    return serializers.votes(contributions.distribution(page, caller()))


@bp.put("/pages/<slug>/votes")
@operation({200: schemas.Votes}, errors=[404], write=True, tags=TAGS)
def put_votes(slug: str, json: schemas.VoteBody):
    """Kies hoogstens vier principes die hier het zwaarst wegen (vervangt je oude keuze)."""
    page = pages.get_page(slug, caller())
    contributions.vote(caller(), page, json.principles)
    return serializers.votes(contributions.distribution(page, caller()))
