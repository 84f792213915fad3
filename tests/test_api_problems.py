"""API errors are RFC 9457 problem details with a Dutch sentence that fits a program's author."""

import pytest


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["type"] == "about:blank" and body["title"]
    assert body["detail"] == body["message"]
    return body


def test_a_too_large_body_gets_a_413_for_a_program_not_a_browser(app, api_as):
    api = api_as("editor")
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = api.post("/api/v1/pages", data=b"x" * (limit + 1), content_type="application/json")
    body = assert_problem(response, 413)
    assert "1.048.576 bytes" in body["detail"]
    assert "Vorige" not in body["detail"]
    # Negative control: the HTML page keeps its advice for people in a browser.
    page = app.test_client().post("/nieuw", data=b"x" * (limit + 1))
    assert page.status_code == 413 and "Vorige" in page.get_data(as_text=True)


def test_a_method_the_resource_lacks_is_a_405_that_names_the_allowed_ones(client):
    body = assert_problem(client.delete("/api/v1/pages/dansende-dilemmas"), 405)
    assert body["detail"] == "Deze actie kan hier niet."
    allowed = client.delete("/api/v1/pages/dansende-dilemmas").headers["Allow"]
    assert {"GET", "PUT", "PATCH"} <= set(allowed.split(", "))


def test_a_validation_problem_names_every_field(api_as):
    api = api_as("editor")
    response = api.post("/api/v1/pages", json={"kind": "dilemma", "title": 5, "tags": "los"})
    body = assert_problem(response, 422)
    fields = {e["field"]: e["detail"] for e in body["errors"]}
    assert fields == {"title": "Geef tekst.", "tags": "Geef een lijst."}


@pytest.mark.parametrize(
    ("send", "status", "words"),
    [
        ({"data": "kind=dilemma"}, 415, "JSON"),
        ({"data": "[1]", "content_type": "application/json"}, 400, "JSON-object"),
        ({"data": "{kapot", "content_type": "application/json"}, 400, "JSON-object"),
        ({"json": {"kind": "dilemma", "title": "Nul\u0000teken"}}, 422, "NUL"),
    ],
)
def test_a_body_that_is_not_a_clean_json_object_is_refused(api_as, send, status, words):
    body = assert_problem(api_as("editor").post("/api/v1/pages", **send), status)
    assert words in body["detail"]


def test_a_nul_in_the_address_is_a_400_not_a_crash(client):
    assert_problem(client.get("/api/v1/pages/a%00b"), 400)
    assert_problem(client.get("/api/v1/search?q=a%00b"), 400)


def test_writing_without_a_token_is_a_401_before_the_body_is_read(client):
    body = assert_problem(client.post("/api/v1/pages", json={}), 401)
    assert "API-token" in body["detail"]


def test_html_errors_stay_pages(client):
    response = client.get("/bestaat/niet/hier")
    assert response.status_code == 404 and response.mimetype == "text/html"
