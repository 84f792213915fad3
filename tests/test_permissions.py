"""Who may do what: every write route, HTML and API, walked for every role.

Each request ends in one of four outcomes: "401" (answered 401, or sent to the sign-in
page), "403", "sugg" (saved as a suggestion: the API's 202, or the HTML form sending you
to the suggestion) or "ok" (anything else: a save, a redirect, a 422 for a missing
reason got past the permission check). Visitors are asked to sign in, signed-in people
without the right get 403. test_permission_rules.py has the same rules as a pure table.
"""

from dataclasses import dataclass

import pytest
from conftest import form_data, sign_in

from wiki.extensions import db
from wiki.models import Report, User
from wiki.services import pages

ROLES = ["anonymous", "editor", "blocked", "moderator", "admin"]
EVERYONE_SIGNED_IN = {"editor", "blocked", "moderator", "admin"}
WRITERS = {"editor", "moderator", "admin"}
CURATORS = {"moderator", "admin"}
ADMINS = {"admin"}

GUIDE = "/gids/stap-1-voorbereiden"
PRINCIPLE = "/principes/werken-vanuit-vertrouwen"


@dataclass
class Route:
    name: str
    method: str
    path: str  # may contain {revision}, {old}, {suggestion}, {report}, {author}, {token}
    allowed: set[str]
    data: dict | None = None
    api: bool = False
    suggests: frozenset[str] = frozenset()  # allowed roles whose change becomes a suggestion

    def expected(self, role: str) -> str:
        if role in self.allowed:
            return "sugg" if role in self.suggests else "ok"
        return "401" if role == "anonymous" else "403"


ROUTES = [
    Route("create page", "POST", "/nieuw", WRITERS, {"soort": "dilemma", "title": "Matrix"}),
    Route("edit page", "POST", f"{GUIDE}/bewerken", WRITERS, {"base_revision": "{revision}"}),
    Route("suggest on protected page", "POST", f"{PRINCIPLE}/bewerken", WRITERS,
          {"base_revision": "{prevision}", "title": "Werken vanuit vertrouwen",
           "body": "Voorstel"}, suggests=frozenset({"editor"})),
    Route("revert", "POST", f"{GUIDE}/terugzetten", WRITERS, {"revision": "{old}"}),
    Route("revert protected page", "POST", f"{PRINCIPLE}/terugzetten", CURATORS,
          {"revision": "{prevision}"}),
    Route("report page", "POST", f"{GUIDE}/melden", WRITERS, {"reason": "Klopt niet"}),
    Route("protect", "POST", f"{GUIDE}/beschermen", CURATORS, {"reason": "Officieel"}),
    Route("unprotect", "POST", f"{PRINCIPLE}/bescherming-opheffen", CURATORS, {"reason": "x"}),
    Route("hide page", "POST", f"{GUIDE}/verbergen", CURATORS, {"reason": "Spam"}),
    Route("restore page", "POST", f"{GUIDE}/terugplaatsen", CURATORS, {"reason": "Toch goed"}),
    Route("review new page", "POST", f"{GUIDE}/gecontroleerd", CURATORS),
    Route("patrol revision", "POST", f"{GUIDE}/versies/{{revision}}/gecontroleerd", CURATORS),
    Route("hide revision", "POST", f"{GUIDE}/versies/{{old}}/verbergen", CURATORS, {"reason": "x"}),
    Route("show revision", "POST", f"{GUIDE}/versies/{{old}}/tonen", CURATORS, {"reason": "x"}),
    Route("rollback", "POST", f"{GUIDE}/terugdraaien/{{author}}", CURATORS, {"reason": "x"}),
    Route("close report", "POST", "/moderatie/meldingen/{report}/afhandelen", CURATORS),
    Route("accept suggestion", "POST", "/voorstellen/{suggestion}", CURATORS,
          {"besluit": "overnemen"}),
    Route("moderation queue", "GET", "/moderatie", CURATORS),
    Route("audit log", "GET", "/moderatie/logboek", CURATORS),
    Route("audit log csv", "GET", "/moderatie/logboek.csv", CURATORS),
    Route("block user", "POST", "/beheer/gebruikers/{author}/blokkeren", CURATORS, {"reason": "x"}),
    Route("unblock user", "POST", "/beheer/gebruikers/{author}/deblokkeren", CURATORS),
    Route("user list", "GET", "/beheer/gebruikers", ADMINS),
    Route("set role", "POST", "/beheer/gebruikers/{author}/rol", ADMINS, {"role": "moderator"}),
    Route("change password", "POST", "/account/wachtwoord", EVERYONE_SIGNED_IN, {"current": "x"}),
    Route("create token", "POST", "/account/tokens", EVERYONE_SIGNED_IN, {"name": "t"}),
    Route("delete account", "POST", "/account/verwijderen", EVERYONE_SIGNED_IN, {"password": "x"}),
    Route("api create page", "POST", "/api/v1/pages", WRITERS,
          {"kind": "dilemma", "title": "Matrix API"}, api=True),
    Route("api save page", "PATCH", "/api/v1/pages/stap-1-voorbereiden", WRITERS,
          {"base_revision": "{revision}", "markdown": "Nieuw"}, api=True),
    Route("api save protected page", "PATCH", "/api/v1/pages/werken-vanuit-vertrouwen", WRITERS,
          {"base_revision": "{prevision}", "markdown": "Nieuw"}, api=True,
          suggests=frozenset({"editor"})),
    Route("api revert", "POST", "/api/v1/pages/stap-1-voorbereiden/revert", WRITERS,
          {"revision": "{old}"}, api=True),
    Route("api revert protected page", "POST", "/api/v1/pages/werken-vanuit-vertrouwen/revert",
          CURATORS, {"revision": "{prevision}"}, api=True),
]  # fmt: skip


@pytest.fixture
def world(app, make_user):
    """A guide page with two edits by one author, a suggestion and a report."""
    author = make_user("editor", name="Auteur")
    with app.app_context():
        user = db.session.get(User, author.id)
        page = pages.get_page("stap-1-voorbereiden")
        old = page.current_revision_id
        for text in ("Eerste aanvulling.", "Tweede aanvulling."):
            current = page.current_revision
            pages.save_revision(
                page,
                base_id=current.id,
                title=current.title,
                body=current.body + text,
                fields=current.fields,
                tags=current.tags,
                summary=text,
                actor=user,
            )
        principle = pages.get_page("werken-vanuit-vertrouwen")
        suggestion = pages.save_revision(
            principle,
            base_id=principle.current_revision_id,
            title=principle.title,
            body="Voorstel",
            fields=principle.current_revision.fields,
            tags=[],
            summary="",
            actor=user,
        ).suggestion
        report = Report(page=page, reporter=user, reason="Test")
        db.session.add(report)
        db.session.commit()
        return {
            "revision": page.current_revision_id,
            "old": old,
            "author": author.username,
            "prevision": principle.current_revision_id,
            "suggestion": suggestion.id,
            "report": report.id,
        }


def fill(template, values: dict):
    if isinstance(template, str):
        return template.format(**values)
    return {k: fill(v, values) for k, v in (template or {}).items()}


def attempt(app, client, make_user, token_for, role: str, route: Route, values: dict) -> str:
    """Make the request as role; return its outcome: "ok", "sugg", "401" or "403"."""
    user = None
    if role != "anonymous":
        overrides = {}
        if role == "blocked":
            from datetime import UTC, datetime, timedelta

            overrides = {
                "blocked_until": datetime.now(UTC) + timedelta(days=3),
                "block_reason": "Test",
            }
        user = make_user("editor" if role == "blocked" else role, **overrides)
    path, data = fill(route.path, values), fill(route.data, values)
    if route.api:
        headers = {"Authorization": f"Bearer {token_for(user)}"} if user else {}
        response = client.open(path, method=route.method, json=data, headers=headers)
    else:
        if user:
            sign_in(client, user)
        data["csrf_token"] = form_data(client.get("/inloggen"))["csrf_token"]
        response = client.open(path, method=route.method, data=data)
    location = response.headers.get("Location", "")
    if response.status_code == 401 or location.startswith("/inloggen"):
        return "401"
    if response.status_code == 403:
        return "403"
    if response.status_code == 202 or location.startswith("/voorstellen/"):
        return "sugg"
    return "ok"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_permission_matrix(app, client, make_user, token_for, world, route, role):
    outcome = attempt(app, client, make_user, token_for, role, route, world)
    assert outcome == route.expected(role), f"{role} on {route.name}"


def test_a_removed_check_makes_the_matrix_fail(
    app, client, make_user, token_for, world, monkeypatch
):
    """Negative control: if moderating only asked for a writer, editors would get through."""
    from wiki import permissions

    original = permissions.can

    def forgetful(user, action, page=None):
        return original(user, "edit" if action == "moderate" else action, page)

    monkeypatch.setattr(permissions, "can", forgetful)
    protect = next(r for r in ROUTES if r.name == "protect")
    assert attempt(app, client, make_user, token_for, "editor", protect, world) == "ok"
    assert protect.expected("editor") == "403", "the matrix expects a refusal, so it would fail"
