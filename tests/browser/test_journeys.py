"""Three journeys through the wiki in a real browser, each with the mouse and the keyboard.

A newcomer finds a werkvorm for 20 people in an hour and copies its invitation; a
reader searches "tegenspraak" and opens the principle about it; an editor changes a
werkvorm and reads the change back in the diff. The keyboard versions use Tab, Enter
and typing only: no clicks, no direct jumps to an address after the first.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in
from .keyboard import tab_to
from .server import PASSWORD, USERS

pytestmark = pytest.mark.browser

INVITATION_START = "Onderwerp: Model van de ambtenaar: wat betekent ambtelijk vakmanschap voor jou?"


def _werkvormen_for_an_hour_with_20_people(page) -> None:
    expect(page).to_have_title("Werkvormen — AV-wiki")
    expect(page.get_by_role("status")).to_have_text("2 van 6 werkvormen passen; 1 past mogelijk.")
    expect(page.locator("table.methods").first.locator("tbody th a")).to_have_text(
        ["Langs de Lijn van Ambtelijk Vakmanschap", "Model van de Ambtenaar"]
    )


def _invitation_is_on_the_clipboard(page) -> None:
    expect(page.locator(".copy-status")).to_have_text("De uitnodiging staat op het klembord.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(INVITATION_START)
    assert "We zien je graag om" in copied
    assert copied == page.locator("#uitnodiging").inner_text().strip()


def test_newcomer_finds_a_werkvorm_for_20_people_in_an_hour_and_copies_the_invitation(
    open_page,
):
    page = open_page(clipboard=True)
    page.goto("/")
    page.get_by_role("link", name="Zoek een werkvorm op tijd en groepsgrootte").click()
    page.get_by_label("Beschikbare tijd in minuten").fill("60")
    page.get_by_label("Aantal deelnemers").fill("20")
    page.get_by_role("button", name="Zoek werkvormen").click()
    _werkvormen_for_an_hour_with_20_people(page)

    page.get_by_role("link", name="Model van de Ambtenaar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Model van de Ambtenaar")
    page.get_by_role("button", name="Kopieer de uitnodiging").click()
    _invitation_is_on_the_clipboard(page)


def test_newcomer_does_the_same_with_the_keyboard_alone(open_page):
    page = open_page(clipboard=True)
    page.goto("/")
    tab_to(page, "Zoek een werkvorm op tijd en groepsgrootte")
    page.keyboard.press("Enter")
    expect(page).to_have_title("Werkvormen — AV-wiki")
    tab_to(page, "Beschikbare tijd in minuten")
    page.keyboard.type("60")
    tab_to(page, "Aantal deelnemers")
    page.keyboard.type("20")
    page.keyboard.press("Enter")  # submits the filter form
    _werkvormen_for_an_hour_with_20_people(page)

    tab_to(page, "Model van de Ambtenaar")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Model van de Ambtenaar")
    tab_to(page, "Kopieer de uitnodiging")
    page.keyboard.press("Enter")
    _invitation_is_on_the_clipboard(page)


def _principle_on_tegenspraak(page) -> None:
    expect(page).to_have_title("Werken vanuit professionaliteit — Principes — AV-wiki")
    expect(page.get_by_text("Ontvang ook tegenspraak.")).to_be_visible()


def test_reader_searches_tegenspraak_and_opens_the_principle_about_it(page):
    page.goto("/")
    page.get_by_label("Zoek in de wiki").fill("tegenspraak")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_title("tegenspraak — Zoeken — AV-wiki")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Werken vanuit professionaliteit")).to_be_visible()

    page.get_by_role("checkbox", name=re.compile(r"^Principes \(")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    titles = results.locator(".result__title")
    expect(titles.first).to_have_text("Werken vanuit professionaliteit")
    expect(results.locator(".result__meta .badge")).to_have_text(["Principe"] * titles.count())
    titles.first.get_by_role("link").click()
    _principle_on_tegenspraak(page)


def test_reader_does_the_same_with_the_keyboard_alone(page):
    page.goto("/")
    tab_to(page, "Zoek in de wiki")
    page.keyboard.type("tegenspraak")
    page.keyboard.press("Enter")
    expect(page).to_have_title("tegenspraak — Zoeken — AV-wiki")
    tab_to(page, re.compile(r"Principes \(\d+ resultaten ?\)"))
    page.keyboard.press("Space")
    tab_to(page, "Filters toepassen")
    page.keyboard.press("Enter")
    expect(page.locator(".result__title").first).to_have_text("Werken vanuit professionaliteit")
    tab_to(page, "Werken vanuit professionaliteit")
    page.keyboard.press("Enter")
    _principle_on_tegenspraak(page)


BELL = "Een bel om de tijd aan te geven"


def _diff_shows_the_bell(page, title: str) -> None:
    expect(page).to_have_title(f"Verschil — {title} — Werkvormen — AV-wiki")
    section = page.locator(
        "section.diff-part", has=page.get_by_role("heading", name="Benodigdheden")
    )
    expect(section.locator("ins")).to_have_text(f"[toegevoegd: {BELL}]")
    expect(page.get_by_text("Bel toegevoegd aan de benodigdheden")).to_be_visible()


def test_editor_adds_to_a_werkvorm_and_reads_the_change_in_the_diff(page):
    title = "Gedrag op de werkvloer"
    page.goto("/werkvormen/gedrag-op-de-werkvloer")
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    sign_in(page, "editor")
    expect(page).to_have_title(f"{title} bewerken — Werkvormen — AV-wiki")
    materials = page.get_by_label("Benodigdheden")
    materials.fill(materials.input_value() + "\n" + BELL)
    page.get_by_label("Wat heb je veranderd?").fill("Bel toegevoegd aan de benodigdheden")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.locator(".flash")).to_have_text("Je wijziging is opgeslagen.")
    materials_on_page = page.locator(
        "section", has=page.get_by_role("heading", name="Benodigdheden")
    )
    expect(materials_on_page.get_by_role("listitem").last).to_have_text(BELL)
    page.get_by_role("link", name="Geschiedenis").click()
    page.get_by_role("row").nth(1).get_by_role("link", name="verschil").click()
    _diff_shows_the_bell(page, title)


def test_editor_does_the_same_with_the_keyboard_alone(page):
    title = "Verhalen en beelden uit de praktijk"
    page.goto("/werkvormen/verhalen-en-beelden-uit-de-praktijk")
    tab_to(page, "Bewerken")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    tab_to(page, "E-mailadres")
    page.keyboard.type(USERS["editor"][1])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_title(f"{title} bewerken — Werkvormen — AV-wiki")

    tab_to(page, "Benodigdheden")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(BELL)
    tab_to(page, "Wat heb je veranderd?")
    page.keyboard.type("Bel toegevoegd aan de benodigdheden")
    tab_to(page, "Opslaan")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text("Je wijziging is opgeslagen.")

    tab_to(page, "Geschiedenis")
    page.keyboard.press("Enter")
    expect(page).to_have_title(f"Geschiedenis van {title} — Werkvormen — AV-wiki")
    tab_to(page, "verschil met de versie ervoor")
    page.keyboard.press("Enter")
    _diff_shows_the_bell(page, title)


def test_facilitator_finds_werkvormen_that_may_fit_when_figures_are_unknown(page):
    """'integriteit', 60 minutes, 20 people: a werkvorm without figures is not hidden."""
    page.goto("/")
    page.get_by_label("Zoek in de wiki").fill("integriteit")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("Beschikbare tijd in minuten").fill("60")
    page.get_by_label("Aantal deelnemers").fill("20")
    page.get_by_role("button", name="Filters toepassen").click()
    maybe = page.get_by_role("region", name="Past mogelijk (duur of groepsgrootte niet vastgelegd)")
    expect(maybe.get_by_role("link", name="Gedrag op de werkvloer")).to_be_visible()
    # The werkvormen overview groups it the same way.
    page.goto("/werkvormen?minutes=60&people=20")
    expect(maybe.get_by_role("link", name="Gedrag op de werkvloer")).to_be_visible()
    expect(page.locator("table.methods").first.get_by_text("Gedrag op de werkvloer")).to_have_count(
        0
    )
