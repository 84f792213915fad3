"""Measurements of a page's layout, shared by the phone and accessibility checks."""

HEADER = "() => document.querySelector('.site-header').getBoundingClientRect().height"
# Tables whose right edge is past the screen (a scrolling box would hide columns).
WIDE_TABLES = """() => [...document.querySelectorAll('table')]
  .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(t => t.outerHTML.slice(0, 100))"""
