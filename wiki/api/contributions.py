"""/api/v1 for contributions: perspectives and votes on dilemmas, and tags."""

from flask import request

from wiki.api import bp, caller, json_body, serializers
from wiki.errors import Invalid
from wiki.services import contributions, pages, tags


@bp.post("/pages/<slug>/perspectives")
def add_perspective(slug: str):
    """Add a perspective (principle, text, anonymous) to a dilemma."""
    page = pages.get_page(slug, caller())
    data = json_body()
    item = contributions.add_perspective(
        caller(),
        page,
        principle=data.get("principle"),
        body=data.get("text"),
        anonymous=bool(data.get("anonymous")),
    )
    return serializers.perspective(item, caller()), 201


@bp.get("/pages/<slug>/votes")
def get_votes(slug: str):
    """The distribution of principle votes on a dilemma."""
    page = pages.get_page(slug, caller())
    if page.kind != "dilemma":
        raise Invalid("Alleen bij een dilemma kun je stemmen.")
    return serializers.votes(contributions.distribution(page, caller()))


@bp.put("/pages/<slug>/votes")
def put_votes(slug: str):
    """Replace the caller's vote: up to four principle slugs."""
    page = pages.get_page(slug, caller())
    data = json_body()
    if not isinstance(data.get("principles"), list):
        raise Invalid(errors={"principles": "Geef een lijst van hoogstens vier principes."})
    contributions.vote(caller(), page, data["principles"])
    return serializers.votes(contributions.distribution(page, caller()))


@bp.get("/tags")
def list_tags():
    """All tags with their page counts, or names starting with ?q= (autocompletion)."""
    if request.args.get("q"):
        return {"tags": [{"name": name} for name in tags.suggest(request.args["q"])]}
    return {
        "tags": [serializers.tag(tag, count) for tag, count in tags.tag_counts(caller())],
    }


@bp.get("/tags/<name>")
def get_tag(name: str):
    """One tag and its pages."""
    tag = tags.get_tag(name)
    found = tags.pages_with(tag, caller())
    return {
        **serializers.tag(tag, len(found)),
        "pages": [serializers.page_summary(p) for p in found],
    }
