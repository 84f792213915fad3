"""The accessibility statement: what it promises, and that every page leads to it."""

import pytest


def test_accessibility_statement_names_the_standard_the_tests_and_the_limits(client):
    response = client.get("/toegankelijkheidsverklaring")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Toegankelijkheidsverklaring — AV-wiki</title>" in page
    assert "WCAG 2.2, niveau A en AA" in page
    assert "axe-core" in page
    assert "Wat nog niet goed gaat" in page


@pytest.mark.parametrize(
    "path", ["/", "/principes/werken-vanuit-vertrouwen", "/recente-wijzigingen", "/bestaat-niet"]
)
def test_every_page_footer_links_to_the_accessibility_statement(client, path):
    page = client.get(path).get_data(as_text=True)
    assert '<a href="/toegankelijkheidsverklaring">Toegankelijkheid</a>' in page
