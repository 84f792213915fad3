"""The keyboard on its own: skip link, visible focus, no trap, errors that are announced."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .keyboard import FOCUSED, tab_order, tab_to
from .site import PAGE_TYPES, visit

pytestmark = pytest.mark.browser


def test_skip_link_comes_first_and_jumps_over_the_menu_to_the_content(page):
    page.goto("/werkvormen/dansende-dilemmas")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is the first link in the content: the breadcrumb, not the menu.
    assert page.evaluate("() => document.activeElement.closest('main') !== null")
    assert page.evaluate(FOCUSED) == "Home"


KEYBOARD_PAGES = [
    t
    for t in PAGE_TYPES
    if t.name
    in {
        "home",
        "method",
        "edit-form-with-errors",
        "history",
        "search-results",
        "moderation-queue",
    }
]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("page_type", KEYBOARD_PAGES, ids=lambda t: t.name)
def test_tab_goes_round_the_page_with_focus_always_visible_and_never_covered(
    open_page, wiki_server, page_type, viewport
):
    options = {"viewport": viewport} if viewport else {}
    page = visit(open_page, wiki_server, page_type, **options)
    stops = tab_order(page)  # fails on a keyboard trap
    assert len(stops) > 5
    unseen = [s["html"] for s in stops if not (s["indicator"] and s["focusVisible"])]
    assert not unseen, f"focus without a visible indicator: {unseen}"
    hidden = [s["html"] for s in stops if not s["inView"] or s["covered"]]
    assert not hidden, f"focused but out of view or covered by other content: {hidden}"


def test_edit_form_errors_are_announced_and_lead_to_the_field(open_page):
    page = open_page(role="editor")
    page.goto("/werkvormen/dansende-dilemmas/bewerken")
    tab_to(page, "Titel")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, "Opslaan")
    page.keyboard.press("Enter")

    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("Er is 1 ding niet goed ingevuld")
    title = page.get_by_label("Titel")
    expect(title).to_have_attribute("aria-invalid", "true")
    message = page.locator(f"#{title.get_attribute('aria-describedby')}")
    expect(message).to_have_text("Fout: Geef de pagina een titel.")

    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Geef de pagina een titel.")).to_be_focused()
    page.keyboard.press("Enter")
    expect(title).to_be_focused()
    page.keyboard.type("Dansende Dilemma's")
    tab_to(page, "Opslaan")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_be_visible()


def test_focus_checks_fail_on_a_fixed_banner_and_on_a_removed_focus_ring(open_page):
    """Negative control: a banner fixed over the lower half of the window (a cookie
    banner, say) covers focused elements; links without a ring have no indicator."""
    page = open_page(viewport=PHONE)
    page.goto("/werkvormen/dansende-dilemmas")
    # Through the CSS object model: the Content-Security-Policy refuses a <style> element.
    page.evaluate("""() => {
      const sheet = document.styleSheets[0];
      const add = rule => sheet.insertRule(rule, sheet.cssRules.length);
      add('.footer-links a:focus-visible { outline: none; box-shadow: none; }');
      add('.banner { position: fixed; inset: auto 0 0 0; height: 60vh; background: #fff; }');
      const banner = document.createElement('div');
      banner.className = 'banner';
      document.body.append(banner);
    }""")
    stops = tab_order(page)
    assert sum(s["covered"] for s in stops) > 10
    assert [s["html"] for s in stops if not s["indicator"]] == [
        '<a href="/recente-wijzigingen">Recente wijzigingen</a>',
        '<a href="/nieuw">Nieuwe pagina maken</a>',
        '<a href="/toegankelijkheidsverklaring">Toegankelijkheid</a>',
        '<a href="/api/v1/docs">API</a>',
    ]
