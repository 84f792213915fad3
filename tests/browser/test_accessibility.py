"""WCAG 2.2 AA on every page type: axe-core, language and titles, reflow, touch targets.

Each page type is checked on a desktop screen (1280 px) and then 320 CSS px wide (what
1280 px at 400% zoom leaves, WCAG 1.4.10). axe-core runs at both widths, since what it
checks (target size, contrast of wrapped text, hidden content) depends on the layout.
"""

import pytest

from .axe import report, violations
from .conftest import NARROWEST, PHONE
from .layout import HEADER, WIDE_TABLES
from .site import page_types, visit

pytestmark = pytest.mark.browser


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const culprits = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.table-wrap'))
    .slice(0, 5).map(el => el.outerHTML.slice(0, 120));
  return {overflow, culprits};
}"""

# Controls that stand on their own (not links inside a sentence) get a target of at
# least 24 by 24 px (WCAG 2.5.8). axe's target-size rule checks the spacing exception.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, nav a, .page-actions a,'
    + ' .footer-links a, .actions a, a.button')]
  .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden'))
  .filter(el => { const r = el.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
  .map(el => el.outerHTML.slice(0, 120))"""


@page_types
def test_page_type_passes_axe_at_1280_390_and_320_px_with_a_low_header_and_reflow(
    open_page, wiki_server, page_type
):
    page = visit(open_page, wiki_server, page_type)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.title() == page_type.title
    found = violations(page)
    assert not found, f"axe found WCAG violations on {page.url}:\n{report(found)}"

    # A phone, where the menu folds behind its button and tables become cards.
    page.set_viewport_size(PHONE)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    height = page.evaluate(HEADER)
    assert height <= 120, f"at 390 px the header takes {height:.0f} px of the first screen"
    assert page.evaluate(WIDE_TABLES) == [], "a table is wider than a phone"
    found = violations(page)
    assert not found, f"axe found WCAG violations at 390 px on {page.url}:\n{report(found)}"

    page.set_viewport_size(NARROWEST)
    # Resize handlers run in the next rendering step, before its animation frames.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    reflow = page.evaluate(OVERFLOW)
    assert reflow["overflow"] <= 0, f"scrolls sideways by {reflow['overflow']} px: {reflow}"
    small = page.evaluate(SMALL_TARGETS)
    assert not small, "targets smaller than 24 by 24 px:\n" + "\n".join(small)
    found = violations(page)
    assert not found, f"axe found WCAG violations at 320 px on {page.url}:\n{report(found)}"


def test_axe_check_fails_on_an_input_without_a_label(page):
    """Negative control: the checks above can fail."""
    page.goto("/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    found = violations(page)
    assert "label" in [v["id"] for v in found]
    assert "help: https://dequeuniversity.com/rules/axe/" in report(found)


def test_reflow_check_fails_on_content_wider_than_320_px(open_page):
    """Negative control: a fixed-width block makes the page scroll sideways."""
    page = open_page(viewport=NARROWEST)
    page.goto("/")
    page.evaluate("""() => {
      const wide = document.createElement('div');
      wide.style.width = '600px';
      wide.textContent = 'Een blok van 600 pixels breed';
      document.querySelector('main').append(wide);
    }""")
    assert page.evaluate(OVERFLOW)["overflow"] > 0
