"""Print: Chromium's own PDF of a werkvorm and a principle, read back with pdftotext."""

import re
import shutil
import subprocess

import pytest

from .conftest import require
from .server import ROOT

# Every werkvorm the wiki starts with: each must print as a card of at most one sheet.
WERKVORMEN = sorted(path.stem for path in (ROOT / "seed" / "pages" / "method").glob("*.md"))

pytestmark = pytest.mark.browser

# Text of the site's chrome: menu, search, account, page actions, footer, copy button.
CHROME = [
    "Direct naar de inhoud",
    "Hoofdmenu",
    "Zoek in de wiki",
    "Inloggen",
    "Bewerken",
    "Geschiedenis",
    "Kruimelpad",
    "Recente wijzigingen",
    "Nieuwe pagina maken",
    "Toegankelijkheid",
    "door en voor rijksambtenaren",
    "Kopieer de uitnodiging",
    "Laatst gewijzigd",
]


def printed(page, path: str, tmp_path) -> tuple[int, str]:
    """Print path to an A4 PDF as Chromium does; return its page count and its text."""
    require(
        shutil.which("pdftotext") is not None,
        "pdftotext is missing (apt-get install poppler-utils)",
    )
    page.goto(path)
    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size and (round(float(size[1])), round(float(size[2]))) == (595, 842), "not A4"
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return count, text


def without_chrome(text: str) -> list[str]:
    return [words for words in CHROME if words in text]


def test_werkvorm_prints_as_an_a4_workshop_card_without_site_chrome(page, tmp_path):
    count, text = printed(page, "/werkvormen/dansende-dilemmas", tmp_path)
    assert count <= 2, f"the workshop card takes {count} A4 pages; at most one sheet"
    assert without_chrome(text) == []
    flat = " ".join(text.split())
    assert "Dansende Dilemma's" in flat
    assert re.search(r"Tijdsduur\s+Aantal deelnemers.*\n\s*90–150 minuten\s+hoogstens 25", text)
    for heading in ("Programma", "Benodigdheden", "Voorbeeld uitnodigingstekst"):
        assert heading in flat
    assert re.search(r"Welkom en +5 min +Welkom heten", text)  # a row of the programme
    assert "We zien je graag" in flat


@pytest.mark.parametrize("slug", WERKVORMEN)
def test_every_werkvorm_prints_on_at_most_two_a4_pages(page, tmp_path, slug):
    count, text = printed(page, f"/werkvormen/{slug}", tmp_path)
    assert count <= 2, f"{slug} prints on {count} A4 pages; at most two"
    assert without_chrome(text) == []
    assert page.locator("h1").inner_text() in " ".join(text.split())


def test_the_print_button_prints_the_page(page):
    page.goto("/werkvormen/model-van-de-ambtenaar")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Printen als werkkaart").click()
    assert page.evaluate("() => window.printed") == 1
    # Not on pages that have no card to print.
    page.goto("/dilemmas/een-journalist-belt")
    assert page.get_by_role("button", name=re.compile("^Printen")).count() == 0


def test_principle_prints_as_a_one_page_conversation_card(page, tmp_path):
    count, text = printed(page, "/principes/werken-vanuit-vertrouwen", tmp_path)
    assert count == 1, f"the conversation card takes {count} pages"
    assert without_chrome(text) == []
    flat = " ".join(text.split())
    assert "Werken vanuit vertrouwen" in flat
    assert "Welk gedrag past hierbij?" in flat
    assert "Wees ontvankelijk voor tegenspraak" in flat
    assert "Werkvormen bij dit principe" not in flat
