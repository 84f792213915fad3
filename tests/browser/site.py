"""Every page type of the wiki, as a person reaches it, for the page-by-page checks.

Each entry says how to get there (an address, maybe a role, maybe a step in the page)
and the title a person should see in the tab: where they are, then the site name.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pyotp
import pytest

from .server import NEW_MODERATOR, PASSWORD, USERS, Server


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable[[Server], str]
    title: str
    role: str | None = None
    # A step in the page after loading it, e.g. submitting a form with a mistake.
    then: Callable | None = None


def _blank_title_and_save(page) -> None:
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#foutmeldingen").wait_for()


def _password_step(email: str) -> Callable:
    """Sign in with the password only: the page after it is the second step."""

    def step(page) -> None:
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("heading", level=1).wait_for()

    return step


def _recovery_code_form(page) -> None:
    _password_step(USERS["moderator"][1])(page)
    page.get_by_role("link", name="Log in met een herstelcode").click()
    page.get_by_label("Herstelcode").wait_for()


def _set_up_an_app_as_a_new_employee(page) -> None:
    """Register, turn on two-step sign-in on the account page; ends on the recovery codes."""
    page.get_by_label("Je naam").fill("Tom Tweestaps")
    page.get_by_label("E-mailadres van je werk").fill(f"tom-{uuid.uuid4().hex[:8]}@minbzk.nl")
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    page.get_by_text("Je account is klaar").wait_for()
    page.goto("/account")
    page.get_by_role("link", name="Tweestapsverificatie instellen").click()
    key = page.locator(".secret code").inner_text().replace(" ", "")
    page.get_by_label("Je wachtwoord, ter bevestiging").fill(PASSWORD)
    page.get_by_label("Code uit je app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    page.locator(".recovery-codes").wait_for()


def _diff(server: Server) -> str:
    old, new = server.revisions
    return f"/ervaringen/{server.experience}/verschil?van={old}&naar={new}"


EXPERIENCE_TITLE = "Een gesprek over tegenspraak in ons team"

PAGE_TYPES = [
    PageType("home", lambda s: "/", "Home — AV-wiki"),
    PageType("principles", lambda s: "/principes", "Principes — AV-wiki"),
    PageType(
        "principle",
        lambda s: "/principes/werken-vanuit-vertrouwen",
        "Werken vanuit vertrouwen — Principes — AV-wiki",
    ),
    PageType(
        "methods-filtered", lambda s: "/werkvormen?minutes=60&people=20", "Werkvormen — AV-wiki"
    ),
    PageType(
        "method",
        lambda s: "/werkvormen/dansende-dilemmas",
        "Dansende Dilemma's — Werkvormen — AV-wiki",
    ),
    PageType("guide-overview", lambda s: "/gids", "Gidspagina's — AV-wiki"),
    PageType(
        "guide",
        lambda s: "/gids/stap-1-voorbereiden",
        "Stap 1: Voorbereiden — Gidspagina's — AV-wiki",
    ),
    PageType(
        "search-vocabulary",
        lambda s: "/gids/zoekwoordenlijst",
        "Zoekwoordenlijst — Gidspagina's — AV-wiki",
    ),
    PageType("dilemmas", lambda s: "/dilemmas", "Dilemma's — AV-wiki"),
    PageType(
        "dilemma",
        lambda s: "/dilemmas/een-journalist-belt",
        "Een journalist belt — Dilemma's — AV-wiki",
    ),
    PageType("experiences", lambda s: "/ervaringen", "Ervaringen — AV-wiki"),
    PageType(
        "experience",
        lambda s: f"/ervaringen/{s.experience}",
        f"{EXPERIENCE_TITLE} — Ervaringen — AV-wiki",
    ),
    PageType(
        "edit-form",
        lambda s: "/werkvormen/dansende-dilemmas/bewerken",
        "Dansende Dilemma's bewerken — Werkvormen — AV-wiki",
        role="editor",
    ),
    PageType(
        "edit-form-with-errors",
        lambda s: "/werkvormen/dansende-dilemmas/bewerken",
        "Dansende Dilemma's bewerken — Werkvormen — AV-wiki",
        role="editor",
        then=_blank_title_and_save,
    ),
    PageType(
        "history",
        lambda s: f"/ervaringen/{s.experience}/geschiedenis",
        f"Geschiedenis van {EXPERIENCE_TITLE} — Ervaringen — AV-wiki",
    ),
    PageType("diff", _diff, f"Verschil — {EXPERIENCE_TITLE} — Ervaringen — AV-wiki"),
    PageType(
        "diff-side-by-side",
        lambda s: _diff(s) + "&weergave=naast",
        f"Verschil — {EXPERIENCE_TITLE} — Ervaringen — AV-wiki",
    ),
    PageType(
        "search-results",
        lambda s: "/zoeken?q=tegenspraak",
        "tegenspraak — Zoeken — AV-wiki",
    ),
    PageType("recent-changes", lambda s: "/recente-wijzigingen", "Recente wijzigingen — AV-wiki"),
    PageType("new-page", lambda s: "/nieuw", "Nieuwe pagina — AV-wiki", role="editor"),
    PageType("not-found", lambda s: "/principes/bestaat-niet", "Pagina niet gevonden — AV-wiki"),
    PageType(
        "accessibility-statement",
        lambda s: "/toegankelijkheidsverklaring",
        "Toegankelijkheidsverklaring — AV-wiki",
    ),
    PageType("sign-in", lambda s: "/inloggen", "Inloggen — AV-wiki"),
    PageType("moderation-queue", lambda s: "/moderatie", "Moderatie — AV-wiki", role="moderator"),
    PageType(
        "contribute-dilemma",
        lambda s: "/nieuw?soort=dilemma",
        "Deel een dilemma — AV-wiki",
        role="editor",
    ),
    PageType("tags", lambda s: "/labels", "Labels — AV-wiki"),
    PageType("api-docs", lambda s: "/api/v1/docs", "API-documentatie — AV-wiki"),
    PageType("tag", lambda s: "/labels/tegenspraak", "Label tegenspraak — AV-wiki"),
    PageType(
        "tag-as-moderator",
        lambda s: "/labels/tegenspraak",
        "Label tegenspraak — AV-wiki",
        role="moderator",
    ),
    PageType("account", lambda s: "/account", "Mijn account — AV-wiki", role="editor"),
    PageType(
        "audit-log",
        lambda s: "/moderatie/logboek",
        "Logboek — Moderatie — AV-wiki",
        role="moderator",
    ),
    PageType(
        "second-factor-code",
        lambda s: "/inloggen",
        "Code invullen — Inloggen — AV-wiki",
        then=_password_step(USERS["moderator"][1]),
    ),
    PageType(
        "second-factor-recovery-code",
        lambda s: "/inloggen",
        "Herstelcode — Inloggen — AV-wiki",
        then=_recovery_code_form,
    ),
    PageType(
        "second-factor-setup",
        lambda s: "/inloggen",
        "Tweestapsverificatie instellen — AV-wiki",
        then=_password_step(NEW_MODERATOR[1]),
    ),
    PageType(
        "recovery-codes",
        lambda s: "/registreren",
        "Herstelcodes — AV-wiki",
        then=_set_up_an_app_as_a_new_employee,
    ),
    PageType(
        "admin-user",
        lambda s: "/beheer/gebruikers/mo-moderator",
        "Mo Moderator — Beheer — AV-wiki",
        role="admin",
    ),
]

page_types = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.name)


def visit(open_page, server: Server, page_type: PageType, **options):
    """Open page_type as its person would, and return the page."""
    page = open_page(role=page_type.role, **options)
    page.goto(page_type.path(server))
    if page_type.then:
        page_type.then(page)
    return page
