"""Markdown rendering: wiki links, headings, and sanitising of untrusted text."""

import pytest

from wiki.services.markdown import render, wiki_link_slugs
from wiki.services.rendering import missing_path

EXISTING = {"werken-vanuit-vertrouwen": "/principes/werken-vanuit-vertrouwen"}


def html_of(text: str) -> str:
    return render(text, EXISTING, missing_path)


def test_wiki_link_to_an_existing_page_uses_its_address():
    html = html_of("Zie [[Werken vanuit vertrouwen]].")
    assert '<a class="wikilink" href="/principes/werken-vanuit-vertrouwen"' in html
    assert ">Werken vanuit vertrouwen</a>" in html


def test_wiki_link_with_its_own_text():
    html = html_of("Zie [[werken vanuit Vertrouwen|het eerste principe]].")
    assert 'href="/principes/werken-vanuit-vertrouwen"' in html
    assert ">het eerste principe</a>" in html


def test_wiki_link_to_a_missing_page_is_visibly_different():
    html = html_of("Zie [[Nog te schrijven]].")
    assert 'class="wikilink wikilink--missing" href="/nieuw?titel=Nog+te+schrijven"' in html
    assert "bestaat nog niet" in html


def test_wiki_link_slugs_fold_diacritics_and_apostrophes():
    assert wiki_link_slugs(
        "[[Dansende Dilemma's]] en [[Casuïstiek]] en [[Dansende dilemma’s]]"
    ) == [
        "dansende-dilemmas",
        "casuistiek",
    ]


def test_body_headings_start_below_the_page_title():
    assert html_of("# Kop\n\n## Sub").startswith("<h2>Kop</h2>\n<h3>Sub</h3>")


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://example.org"></iframe>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<!--><script>alert(1)</script>-->",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "[[Test|<script>alert(1)</script>]]",
    ],
)
def test_active_markup_never_survives(attack):
    html = html_of(attack).lower()
    for marker in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "data:",
        "style=",
    ):
        assert marker not in html, (attack, html)
