"""The API describes itself: an OpenAPI 3.1 document of every /api/v1 rule, and a reference."""

import re

import pytest
from openapi_spec_validator import validate

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def openapi_path(rule: str) -> str:
    """Write a Flask rule as an OpenAPI path: /pages/<int:revision_id> → /pages/{revision_id}."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def registered_operations(app) -> set[tuple[str, str]]:
    return {
        (method.lower(), openapi_path(rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods & METHODS
    }


def documented_operations(doc: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, ops in doc["paths"].items() for method in ops}


@pytest.fixture
def doc(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def test_the_document_is_valid_openapi_3_1(doc):
    assert doc["openapi"].startswith("3.1")
    validate(doc)


def test_the_document_lists_every_api_rule_the_app_registers(app, doc):
    registered = registered_operations(app)
    assert len(registered) >= 23
    assert documented_operations(doc) == registered


def test_the_comparison_notices_a_route_left_out_of_the_document(app, doc):
    """Negative control: a rule the document lacks makes the sets differ."""
    del doc["paths"]["/api/v1/tags/{name}"]
    assert registered_operations(app) - documented_operations(doc) == {
        ("get", "/api/v1/tags/{name}")
    }


def test_every_operation_has_its_answers_problems_and_security(doc):
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerAuth"]["description"],
    }
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op["summary"], (method, path)
            assert any(s.startswith("2") for s in op["responses"]), (method, path)
            for status, answer in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(answer["content"]) == ["application/problem+json"], (path, status)
            if method != "get":
                assert op["security"] == [{"bearerAuth": []}], (method, path)
                assert "401" in op["responses"] and "422" in op["responses"], (method, path)


def test_lists_document_paging_and_the_link_header(doc):
    lists = [
        ("/api/v1/pages", "pages"),
        ("/api/v1/pages/{slug}/revisions", "revisions"),
        ("/api/v1/tags", "tags"),
        ("/api/v1/search", "hits"),
        ("/api/v1/changes", "changes"),
        ("/api/v1/users/{username}/contributions", "changes"),
    ]
    for path, _ in lists:
        op = doc["paths"][path]["get"]
        names = {p["name"]: p for p in op["parameters"]}
        assert names["page"]["schema"]["maximum"] == 10_000, path
        assert names["per_page"]["schema"]["maximum"] == 100, path
        assert "Link" in op["responses"]["200"]["headers"], path


def test_saves_document_if_match_and_the_etag(doc):
    for method in ("put", "patch"):
        op = doc["paths"]["/api/v1/pages/{slug}"][method]
        assert "If-Match" in [p["name"] for p in op["parameters"]]
        assert "ETag" in op["responses"]["200"]["headers"]
        assert {"409", "412", "422"} <= set(op["responses"])
    put = doc["components"]["schemas"]["PageReplace"]
    assert set(put["required"]) == {"title", "markdown", "fields", "tags"}


def test_each_kind_documents_its_fields(doc):
    method = doc["components"]["schemas"]["MethodFields"]
    assert method["properties"]["duration"]["properties"]["min"]["maximum"] == 1440
    assert method["properties"]["levels"]["items"]["enum"] == ["beginner", "advanced"]
    assert doc["components"]["schemas"]["DilemmaFields"]["required"] == ["principles"]


def test_the_reference_is_a_dutch_page_from_our_own_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "<h1>API-documentatie</h1>" in html
    assert 'id="patch_page"' in html and "PATCH /api/v1/pages/{slug}" in html
    assert 'href="#schema-PageSaved"' in html and 'id="schema-PageSaved"' in html
    # Nothing comes from another site: every script and style sheet is our own.
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_api_root_points_to_the_document_and_the_reference(client):
    root = client.get("/api/v1/").json
    assert root["openapi"] == "http://localhost/api/v1/openapi.json"
    assert root["docs"] == "http://localhost/api/v1/docs"


def test_the_description_stays_open_where_reading_needs_a_token(databases):
    from conftest import _dispose, make_app

    url = databases.seeded()
    app = make_app(url, ANONYMOUS_READ=False)
    try:
        closed = app.test_client()
        assert closed.get("/api/v1/pages").status_code == 401
        assert closed.get("/api/v1/openapi.json").status_code == 200
        assert closed.get("/api/v1/docs").status_code == 200
    finally:
        _dispose(app)
        databases.drop(url)
