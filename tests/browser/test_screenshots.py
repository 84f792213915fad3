"""The README's screenshots, made by the browser tests on demand.

    WIKI_SCREENSHOTS=1 .venv/bin/pytest tests/browser -k screenshots

writes docs/screenshots/<page>-desktop.png (1280 px wide) and <page>-phone.png (390 px).
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .server import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "docs" / "screenshots"
LARGEST = 300_000  # bytes: small enough to commit

PAGES = {
    "home": "/",
    "werkvormen": "/werkvormen?minutes=60&people=20",
    "werkvorm": "/werkvormen/model-van-de-ambtenaar",
    "principe": "/principes/werken-vanuit-vertrouwen",
    "zoeken": "/zoeken?q=tegenspraak",
    "verschil": None,  # the experience's diff, known once the server runs
}
# On a phone, shots of these pages start at what they are about, not at the filters.
PHONE_START = {"werkvormen": "table.methods"}


@pytest.mark.skipif(
    not os.environ.get("WIKI_SCREENSHOTS"), reason="set WIKI_SCREENSHOTS=1 to write them"
)
def test_screenshots_of_the_main_pages_are_written_and_small(open_page, wiki_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    old, new = wiki_server.revisions
    paths = dict(
        PAGES, verschil=f"/ervaringen/{wiki_server.experience}/verschil?van={old}&naar={new}"
    )
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = open_page(viewport=viewport)
        for name, path in paths.items():
            page.goto(path)
            expect(page.locator("h1")).to_be_visible()
            if size == "phone" and name in PHONE_START:
                page.locator(PHONE_START[name]).first.evaluate("el => el.scrollIntoView()")
            target: Path = SHOTS / f"{name}-{size}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size < LARGEST, f"{target.name} is too large to commit"
