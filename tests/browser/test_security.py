"""The browser enforces the security headers: our pages break no Content-Security-Policy
rule, an injected inline script is refused, and another site cannot frame the wiki."""

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect

from .site import PAGE_TYPES, visit

pytestmark = pytest.mark.browser


def test_no_page_type_breaks_the_content_security_policy(open_page, wiki_server, csp_violations):
    for page_type in PAGE_TYPES:
        page = visit(open_page, wiki_server, page_type)
        # One round trip more, so every report from this page has reached the test.
        page.evaluate("() => window.cspViolations.length")
        page.context.close()
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def test_an_injected_inline_script_is_refused_and_reported(page, csp_violations):
    """Negative control: the listener above hears a violation, and the CSP blocks it."""
    page.goto("/dilemmas/een-journalist-belt")
    page.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    }""")
    page.wait_for_function("() => window.cspViolations.length > 0")
    assert page.evaluate("() => window.injected") is None, "the inline script must not run"
    assert len(csp_violations) == 1
    assert csp_violations[0].startswith("script-src-elem refused inline on ")
    csp_violations.clear()  # expected here; open_page fails a test on any other


@pytest.fixture
def other_site(tmp_path):
    """A tiny site on another port (another origin) that frames pages; returns its URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_another_site_cannot_frame_the_edit_page(open_page, wiki_server, other_site):
    folder, site = other_site
    edit = f"{wiki_server.url}/werkvormen/dansende-dilemmas/bewerken"
    (folder / "own.html").write_text("<!doctype html><title>Eigen</title><p>Eigen inhoud</p>")
    (folder / "frame.html").write_text(
        "<!doctype html><title>Andere site</title>"
        f'<iframe title="wiki" src="{edit}"></iframe>'
        '<iframe title="eigen" src="own.html"></iframe>'
    )
    page = open_page(role="editor")  # signed in, so the frame would show the edit form
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{site}/frame.html")

    # Negative control: a page that may be framed shows up in its frame.
    expect(page.frame_locator("iframe[title=eigen]").get_by_text("Eigen inhoud")).to_be_visible()
    # Chromium puts its own error page in the frame instead of the wiki's edit form.
    frame = page.locator("iframe[title=wiki]").element_handle().content_frame()
    assert frame.url.startswith("chrome-error://"), f"the wiki loaded in a frame: {frame.url}"
    assert any("frame-ancestors 'none'" in text for text in console), console
