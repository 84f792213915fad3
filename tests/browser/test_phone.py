"""On a phone (390 CSS px): a low header with a Menu button, tables as stacked cards.

test_accessibility checks HEADER and WIDE_TABLES on every page type at 390 px.
"""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .layout import HEADER, WIDE_TABLES

pytestmark = pytest.mark.browser


def test_the_menu_button_opens_and_closes_the_navigation(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    werkvormen = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Werkvormen"
    )
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(werkvormen).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(werkvormen).to_be_visible()
    expect(page.get_by_label("Zoek in de wiki")).to_be_visible()
    # With the keyboard: Escape closes it and puts focus back on the button.
    werkvormen.focus()
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(werkvormen).to_be_visible()
    werkvormen.click()
    expect(page).to_have_title("Werkvormen — AV-wiki")


def test_on_a_wide_screen_there_is_no_menu_button(open_page):
    page = open_page(viewport=DESKTOP)
    page.goto("/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def test_header_check_fails_when_the_menu_does_not_fold(open_page):
    """Negative control: without the Menu button's folding the header is far too tall."""
    page = open_page(viewport=PHONE)
    page.goto("/")
    page.evaluate("() => document.querySelector('.site-header').classList.remove('has-menu')")
    assert page.evaluate(HEADER) > 120


def test_werkvormen_read_as_cards_with_their_labels_on_a_phone(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/werkvormen?minutes=60&people=20")
    level = page.locator("table.methods tbody tr").first.locator("td[data-label=Niveau]")
    level.scroll_into_view_if_needed()
    expect(level).to_be_in_viewport()
    label = level.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Niveau: "'
    box = level.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    # On a wide screen the same table is a table with column headings.
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("columnheader", name="Niveau").first).to_be_visible()


def test_table_check_fails_on_a_table_that_does_not_stack(open_page):
    """Negative control: without the cards layout the werkvormen table is too wide."""
    page = open_page(viewport=PHONE)
    page.goto("/werkvormen?minutes=60&people=20")
    assert page.evaluate(WIDE_TABLES) == []
    page.evaluate("() => document.querySelector('table.methods').classList.remove('table--cards')")
    assert page.evaluate(WIDE_TABLES) != []
