"""Run axe-core in a page and describe its violations for a person fixing them.

axe-core's axe.min.js (MPL-2.0) comes inside the axe-playwright-python wheel, a test
dependency from PyPI; we only borrow the file, so there is no npm step.
"""

from axe_playwright_python.base import AXE_SCRIPT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page) -> list[dict]:
    """Return axe's violations of WCAG 2.2 A and AA in page, as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def report(found: list[dict]) -> str:
    """Describe each violation: the rule, the help URL and every element it hit."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.append(f"  help: {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"  element: {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)
