"""Every API list pages one way (page, per_page, total, Link); links are valid for any name."""

import re

import pytest


def links(response) -> dict[str, str]:
    """The Link header as {rel: url}."""
    return dict(
        (rel, url) for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["Link"])
    )


def relative(url: str) -> str:
    return url.removeprefix("http://localhost")


def test_pages_come_five_at_a_time_with_the_total_and_a_link_to_the_next_five(client):
    everything = client.get("/api/v1/pages?per_page=100").json
    first = client.get("/api/v1/pages?per_page=5")
    assert first.status_code == 200
    assert len(first.json["pages"]) == 5
    assert first.json["total"] == everything["total"] > 10
    assert (first.json["page"], first.json["per_page"]) == (1, 5)
    following = links(first)
    assert "prev" not in following
    second = client.get(relative(following["next"]))
    assert [p["slug"] for p in second.json["pages"]] == [
        p["slug"] for p in everything["pages"][5:10]
    ]
    assert links(second)["prev"] == "http://localhost/api/v1/pages?per_page=5&page=1"
    last = client.get(relative(following["last"]))
    assert "next" not in links(last) and last.json["pages"]


def test_the_link_keeps_the_filters(client):
    response = client.get("/api/v1/pages?kind=dilemma&per_page=2")
    assert all(p["kind"] == "dilemma" for p in response.json["pages"])
    assert "kind=dilemma" in links(response)["next"]


LISTS = [
    "/api/v1/pages",
    "/api/v1/pages/dansende-dilemmas/revisions",
    "/api/v1/tags",
    "/api/v1/changes",
    "/api/v1/tags/integriteit",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query", ["page=0", "page=10001", "per_page=0", "per_page=101", "page=twee", "page=1&page=2"]
)
def test_every_list_refuses_the_same_bounds_with_a_400(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400, response.json
    assert response.mimetype == "application/problem+json"
    assert response.json["errors"][0]["field"] in ("page", "per_page")


@pytest.mark.parametrize("url", LISTS)
def test_every_list_answers_within_the_bounds_with_its_total(client, url):
    response = client.get(f"{url}?page=10000&per_page=100")
    assert response.status_code == 200
    assert response.json["total"] >= 1 and response.json["page"] == 10000
    assert 'rel="first"' in response.headers["Link"]


def test_search_pages_the_same_way(client, search_index):
    response = client.get("/api/v1/search?q=dilemma&per_page=3")
    assert len(response.json["hits"]) == 3 and response.json["per_page"] == 3
    assert response.json["total"] > 3
    following = client.get(relative(links(response)["next"])).json
    assert following["page"] == 2 and following["hits"][0] != response.json["hits"][0]
    assert client.get("/api/v1/search?q=dilemma&per_page=101").status_code == 400


def test_recent_changes_and_contributions_list_an_edit_with_its_page(api_as, client):
    api = api_as("editor")
    page = client.get("/api/v1/pages/stap-1-voorbereiden").json
    api.patch(
        "/api/v1/pages/stap-1-voorbereiden",
        json={"base_revision": page["revision_id"], "markdown": "Nieuw.", "summary": "Korter"},
    )
    [change] = client.get("/api/v1/changes?per_page=1").json["changes"]
    assert change["summary"] == "Korter" and change["page"]["slug"] == "stap-1-voorbereiden"
    mine = client.get(f"/api/v1/users/{api.user.username}/contributions").json
    assert mine["total"] == 1 and mine["changes"][0]["id"] == change["id"]
    assert client.get("/api/v1/users/niemand/contributions").status_code == 404


@pytest.mark.parametrize("name", ["a/b", "wat?", "#1", "50% klaar"])
def test_a_tag_with_url_characters_gets_urls_that_lead_back_to_it(api_as, client, name):
    api = api_as("editor")
    created = api.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": f"Label {name}",
            "fields": {"principles": ["werken-vanuit-vertrouwen"]},
            "tags": [name],
        },
    )
    assert created.status_code == 201, created.json
    [tag] = [t for t in client.get("/api/v1/tags?per_page=100").json["tags"] if t["name"] == name]
    detail = client.get(relative(tag["api_url"]))
    assert detail.status_code == 200 and detail.json["name"] == name
    assert [p["slug"] for p in detail.json["pages"]] == [created.json["slug"]]
    html = client.get(relative(tag["url"]))
    assert html.status_code == 200 and name in html.get_data(as_text=True)
    if name in ("wat?", "#1"):
        # Negative control: the name pasted into the path, as before, misses the tag.
        naive = client.get(f"/api/v1/tags/{name}")
        assert naive.status_code != 200 or naive.json["name"] != name
