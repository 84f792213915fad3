"""Every response carries the security headers; no page needs inline script or style."""

from html.parser import HTMLParser

import pytest
from conftest import make_app, sign_in
from test_moderation import edit_as

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
WERKVORM = "/werkvormen/dansende-dilemmas"

# (role, path) for every kind of response: page types, forms, errors, redirects,
# feeds, downloads, JSON, static files.
PAGES = [
    (None, "/"),
    (None, "/principes"),
    (None, "/principes/werken-vanuit-vertrouwen"),
    (None, "/werkvormen?minutes=60&people=20"),
    (None, WERKVORM),
    (None, "/gids"),
    (None, "/gids/zoekwoordenlijst"),
    (None, "/dilemmas"),
    (None, "/dilemmas/een-journalist-belt"),
    (None, "/ervaringen"),
    (None, "/gids/stap-1-voorbereiden/geschiedenis"),
    (None, "{diff}"),
    (None, "{diff}&weergave=naast"),
    (None, "/zoeken?q=tegenspraak"),
    (None, "/recente-wijzigingen"),
    (None, "/recente-wijzigingen/atom"),
    (None, "/labels"),
    (None, "/labels/tegenspraak"),
    (None, "/toegankelijkheidsverklaring"),
    (None, "/inloggen"),
    (None, "/registreren"),
    (None, "/wachtwoord-vergeten"),
    (None, "/principes/bestaat-niet"),
    (None, "/nieuw"),
    (None, "/account"),
    (None, "/pagina/werken-vanuit-vertrouwen"),
    (None, "/healthz"),
    (None, "/api/v1/pages"),
    (None, "/api/v1/pages/bestaat-niet"),
    (None, "/static/wiki.css"),
    (None, "/static/wiki.js"),
    ("editor", "/account"),
    ("editor", "/account/gegevens.json"),
    ("editor", "/account/verwijderen"),
    ("editor", f"{WERKVORM}/bewerken"),
    ("editor", "/nieuw"),
    ("editor", "/nieuw?soort=dilemma"),
    ("editor", "/moderatie"),
    ("moderator", "/moderatie"),
    ("moderator", "/moderatie/logboek"),
    ("moderator", "/moderatie/logboek.csv"),
    ("moderator", "/gids/stap-1-voorbereiden/beschermen"),
    ("admin", "/beheer/gebruikers"),
]


class _InlineCode(HTMLParser):
    """Finds what a strict CSP blocks: inline scripts, style attributes and elements,
    event handler attributes and javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") or tag == "style":
            self.found.append(f"<{tag}> without src")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "href" and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} href=javascript:...>")


def inline_code(html: str) -> list[str]:
    reader = _InlineCode()
    reader.feed(html)
    return reader.found


def missing_headers(response) -> list[str]:
    missing = [f"{k}: {v}" for k, v in EXPECTED.items() if response.headers.get(k) != v]
    csp = response.headers.get("Content-Security-Policy", "")
    missing += [d for d in CSP_DIRECTIVES if d not in csp.split("; ")]
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        missing.append("Permissions-Policy")
    return missing


@pytest.fixture
def responses(app, make_user, make_page):
    """GET every path in PAGES as its person; return (role, path, response) triples."""
    slug = make_page("experience", title="Een verslag", body="Eerst.\n")
    editor = make_user("editor")
    edited = edit_as(app, editor, slug, "Daarna.\n").revision
    diff = f"/ervaringen/{slug}/verschil?van={edited.parent_id}&naar={edited.id}"
    people = {role: make_user(role) for role in ("editor", "moderator", "admin")}
    results = []
    for role, path in PAGES:
        client = app.test_client()
        if role:
            sign_in(client, people[role])
        path = path.format(diff=diff)
        results.append((role, path, client.get(path)))
    return results


def test_every_response_sends_the_security_headers(responses):
    statuses = {response.status_code for _, _, response in responses}
    assert {200, 302, 403, 404} <= statuses, "pages, redirects and errors are all covered"
    wrong = {
        f"{role or 'visitor'} {path} ({response.status_code})": missing
        for role, path, response in responses
        if (missing := missing_headers(response))
    }
    assert not wrong, f"responses without the security headers: {wrong}"


def test_no_page_needs_inline_script_or_style(responses):
    html_pages = [(role, path, r) for role, path, r in responses if r.mimetype == "text/html"]
    assert len(html_pages) > 25
    found = {
        f"{role or 'visitor'} {path}": code
        for role, path, r in html_pages
        if (code := inline_code(r.get_data(as_text=True)))
    }
    assert not found, f"inline code that the Content-Security-Policy blocks: {found}"


def test_inline_code_check_finds_each_kind_of_inline_code():
    """Negative control: the scanner above sees what CSP blocks."""
    page = (
        '<script>alert(1)</script><p style="color:red" onclick="x()">'
        '<a href="javascript:x()">a</a><style>p{}</style><script src="/static/wiki.js"></script>'
    )
    assert inline_code(page) == [
        "<script> without src",
        "<p style=...>",
        "<p onclick=...>",
        "<a href=javascript:...>",
        "<style> without src",
    ]


def test_missing_header_check_fails_on_a_bare_response(app):
    """Negative control: a response without our headers is reported."""
    from flask import Response

    assert len(missing_headers(Response("x"))) == len(EXPECTED) + len(CSP_DIRECTIVES) + 1


def test_hsts_only_when_the_session_cookie_is_secure(databases):
    url = databases.seeded()
    try:
        for secure, expected in ((True, "max-age=31536000"), (False, None)):
            app = make_app(url, SESSION_COOKIE_SECURE=secure)
            response = app.test_client().get("/", base_url="https://wiki.example")
            assert response.headers.get("Strict-Transport-Security") == expected
    finally:
        databases.drop(url)
