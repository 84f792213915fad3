"""Browser fixtures: one real wiki server process and one headless Chromium per session.

Chromium is Debian's /usr/bin/chromium, driven by Playwright's Python package; no
browser is ever downloaded. Locally the suite skips when Chromium or Playwright is
missing; under CI=true it fails instead, so a CI machine without them cannot pass.
"""

import time
from pathlib import Path

import pytest
from servers import require

from . import server as wiki

CHROMIUM = "/usr/bin/chromium"
# The machine has no network: without the background-networking flags Chromium keeps
# trying (and failing) to reach Google's services.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, started once per session."""
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is missing (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def wiki_server(browser, tmp_path_factory):
    """A real wiki server process on a fresh, seeded wiki; stopped after the session."""
    env = wiki.environment(tmp_path_factory.mktemp("browser-wiki"))
    token, apps = wiki.prepare(env)
    process, url, log = wiki.start(env)
    try:
        server = wiki.Server(url=url, log=log, api_token=token, apps=apps)
        if server.status("/healthz") != 200:
            raise RuntimeError("/healthz did not answer 200:\n" + "\n".join(log))
        wiki.add_experience(server)
        yield server
    finally:
        wiki.stop(process)


def sign_in(page, role: str, app=None) -> None:
    """Sign in through the form, as a person does; with app (a pyotp.TOTP), its code too."""
    page.get_by_label("E-mailadres").fill(wiki.USERS[role][1])
    page.get_by_label("Wachtwoord", exact=True).fill(wiki.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    if app is not None:
        # The setup used this 30-second step's code; each code works once.
        page.get_by_label("Code uit je app").fill(app.at(time.time(), counter_offset=1))
        page.get_by_role("button", name="Inloggen").click()


@pytest.fixture(scope="session")
def signed_in_states(browser, wiki_server, tmp_path_factory):
    """Cookies of a signed-in editor and moderator, made once through the sign-in form."""
    states = {}
    for role in wiki.USERS:
        context = browser.new_context(base_url=wiki_server.url)
        page = context.new_page()
        page.goto("/inloggen")
        sign_in(page, role, wiki_server.apps.get(role))
        page.get_by_text("Je bent ingelogd").wait_for()
        path = tmp_path_factory.getbasetemp() / f"{role}-state.json"
        context.storage_state(path=str(path))
        context.close()
        states[role] = str(path)
    return states


# Reports every Content-Security-Policy violation of every document, to the page's own
# list (for waiting on it) and to the test (reportCspViolation), before any page script.
CSP_LISTENER = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  const text = `${event.effectiveDirective} refused ${event.blockedURI || 'something'}`
    + ` on ${event.documentURI}` + (event.sample ? `: ${event.sample}` : '');
  window.cspViolations.push(text);
  window.reportCspViolation(text);
});
"""


@pytest.fixture
def csp_violations() -> list[str]:
    """The Content-Security-Policy violations reported in this test's pages."""
    return []


@pytest.fixture
def open_page(browser, wiki_server, signed_in_states, csp_violations):
    """Return a function that opens a new browser page, as a visitor or signed in.

    Script errors and Content-Security-Policy violations on any page fail the test: a
    broken enhancement is a broken page, and a refused one will be in production.
    """
    contexts = []
    errors: list[str] = []

    def opener(*, viewport=DESKTOP, role=None, clipboard=False):
        context = browser.new_context(
            base_url=wiki_server.url,
            viewport=viewport,
            locale="nl-NL",
            storage_state=signed_in_states[role] if role else None,
        )
        context.set_default_timeout(10_000)
        if clipboard:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=wiki_server.url)
        context.expose_function("reportCspViolation", lambda text: csp_violations.append(text))
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


@pytest.fixture
def page(open_page):
    """A desktop-sized page for a visitor who is not signed in."""
    return open_page()
