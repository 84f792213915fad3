"""Script injection: none of these survives as active markup on a rendered page."""

import re
from html.parser import HTMLParser

import pytest

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<img src="javascript:alert(1)">',
    '<body onload="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="java\tscript:alert(1)">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<a href="data:text/html,<script>alert(1)</script>">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '![plaatje](x" onerror="alert(1))',
    "[[Titel|<img src=x onerror=alert(1)>]]",
    "[[<script>alert(1)</script>]]",
    "<!--<script>alert(1)</script>-->",
    "<!--><script>alert(1)</script>-->",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<a href='#' onclick='alert(1)'>klik</a>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "`<script>` in code is tekst, geen script",
]

FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "form", "input",
    "base", "meta", "link", "body", "details", "img",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "data", "background", "formaction", "srcdoc"}


class ActiveMarkup(HTMLParser):
    """Finds markup that could run code: dangerous tags, handlers, script URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_content = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_content = True
        if not self.in_content:
            return
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            # What a browser's URL parser does: drop tabs and newlines, trim the ends.
            url = re.sub(r"[\t\n\r]", "", value or "")
            lowered = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$", "", url).lower()
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and lowered.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag}[{name}={value}]")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_content = False


def active_markup(html: str) -> list[str]:
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.found


@pytest.fixture
def client(api_as):
    """The API as an employee with a personal token (pages are read with it too)."""
    return api_as("editor")


def test_the_checker_finds_active_markup():
    # Negative control: the detector itself catches what the wiki must never emit.
    bad = '<main><p>x</p><img src=x onerror="alert(1)"><a href="javascript:alert(1)">a</a></main>'
    assert active_markup(bad) == ["<img>", "img[onerror]", "a[href=javascript:alert(1)]"]


@pytest.mark.parametrize("vector", VECTORS)
def test_injected_markup_is_never_active_in_body_or_fields(client, vector):
    response = client.post(
        "/api/v1/pages",
        json={
            "kind": "method",
            "title": f"Aanval {VECTORS.index(vector)}",
            "markdown": f"Voor\n\n{vector}\n\nNa",
            "fields": {
                "purpose": vector,
                "programme": [{"title": "Stap", "minutes": 5, "description": vector}],
                "materials": [vector],
                "invitation": vector,
            },
        },
    )
    assert response.status_code == 201, response.json
    assert active_markup("<main>" + response.json["html"] + "</main>") == []
    page = client.get(f"/werkvormen/{response.json['slug']}")
    assert page.status_code == 200
    assert active_markup(page.get_data(as_text=True)) == []
    # The text around the attack stays (an unclosed <style> may swallow what follows).
    assert "Voor" in page.get_data(as_text=True)
