"""/api/v1 itself: where to start, the OpenAPI document, and a readable reference.

These three are open to everyone, also where the wiki asks visitors to sign in: they
describe the API, not the wiki's content.
"""

from flask import render_template, url_for

from wiki.api import bp, operation, schemas
from wiki.api.openapi import describe, document

TAGS = ["API"]


@bp.get("/")
@operation({200: schemas.ApiIndex}, tags=TAGS)
def index():
    """Waar de beschrijving van de API en deze uitleg staan."""
    return {
        "name": "AV-wiki API",
        "version": "1",
        "openapi": url_for("api.openapi", _external=True),
        "docs": url_for("api.docs", _external=True),
    }


@bp.get("/openapi.json")
@operation({200: None}, tags=TAGS)
def openapi():
    """Deze API als OpenAPI 3.1-document."""
    return document()


@bp.get("/docs")
@operation({200: None}, tags=TAGS)
def docs():
    """Deze uitleg van elke bewerking (HTML)."""
    return render_template("api/docs.html", doc=document(), describe=describe)
