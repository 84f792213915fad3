"""Moving through a page with the keyboard alone, as a person without a mouse does."""

import re

# What a person hears for the focused element: its label, its text or its value.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const text = label || el.getAttribute('aria-label') || el.innerText || el.value || '';
  return text.replace(/\\s+/g, ' ').trim();
}"""

# Where focus is, and whether a person can see it: a focus indicator (outline or ring),
# inside the viewport, and not covered by other content such as sticky chrome (2.4.11).
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const r = el.getBoundingClientRect();
  // A link may wrap over two lines, a field may stick out of the window: it counts as
  // visible when the middle of the part of any of its boxes inside the window shows it.
  const mine = hit => hit && (el.contains(hit)
    || (el.labels && [...el.labels].some(label => label.contains(hit))));
  const visible = [...el.getClientRects()].some(box => {
    const left = Math.max(box.left, 0), right = Math.min(box.right, vw);
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, vh);
    if (right <= left || bottom <= top) return false;
    return mine(document.elementFromPoint((left + right) / 2, (top + bottom) / 2));
  });
  return {
    html: el.outerHTML.slice(0, 140),
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
               || style.boxShadow !== 'none',
    focusVisible: el.matches(':focus-visible'),
    inView: r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw,
    covered: !visible,
    skipLink: el.classList.contains('skip-link'),
  };
}"""


def focused(page) -> str:
    """Return the text a person hears for the focused element."""
    return page.evaluate(FOCUSED)


def tab_to(page, name: str | re.Pattern, *, limit: int = 250) -> None:
    """Press Tab until the focused element is called name (or matches it); fail if never."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now == name if isinstance(name, str) else name.fullmatch(now):
            return
        seen.append(now)
    raise AssertionError(f"Tab never reached {name!r}; it went through: {seen[:80]}")


def tab_order(page, *, limit: int = 400) -> list[dict]:
    """Tab once round the whole page, from the skip link back to the skip link.

    Returns the state of every stop on the way. Fails if focus never comes back to
    the skip link: that is a keyboard trap (or a page without a skip link).
    """
    stops: list[dict] = []
    started = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue  # after the last element focus leaves the page for one press
        if state["skipLink"]:
            if started:
                return stops
            started = True
        if started:
            stops.append(state)
    raise AssertionError(
        f"Tab did not go round the page in {limit} presses (a keyboard trap?); "
        f"the last stops were: {[s['html'] for s in stops[-5:]]}"
    )
