"""/api/v1/search and /api/v1/search/suggest: the same search, as JSON."""

import shutil

from wiki.search import backend


def test_search_returns_hits_with_snippets_and_facets(client, search_index):
    response = client.get("/api/v1/search?q=tegenspraak")
    assert response.status_code == 200
    data = response.get_json()
    first = data["hits"][0]
    assert first["slug"] == "tegenspraak-die-wordt-weggewoven"
    assert first["kind"] == "dilemma"
    assert first["url"] == "http://localhost/dilemmas/tegenspraak-die-wordt-weggewoven"
    assert "<mark>" in first["snippet"] and first["score"] > 0
    assert set(data["facets"]) == {"kind", "principle", "tag"}
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert kinds["dilemma"] >= 1 and sum(kinds.values()) == data["total"]


def test_filters_combine_and_page(client, search_index):
    data = client.get("/api/v1/search?q=dilemma&kind=dilemma&page=2").get_json()
    assert data["page"] == 2 and data["pages"] == 2
    assert {hit["kind"] for hit in data["hits"]} == {"dilemma"}
    tagged = client.get("/api/v1/search?q=dilemma&kind=dilemma&tag=minister").get_json()
    assert tagged["total"] == 2
    assert {f["value"] for f in tagged["facets"]["tag"]} >= {"minister"}


def test_plain_dutch_is_read_and_reported(client, search_index):
    data = client.get("/api/v1/search?q=werkvorm 20 deelnemers een uur").get_json()
    assert data["understood"] == ["voor 20 deelnemers", "die in 60 minuten passen"]
    assert {hit["kind"] for hit in data["hits"]} == {"method"}


def test_a_misspelling_is_answered_with_a_suggestion(client, search_index):
    data = client.get("/api/v1/search?q=dillema").get_json()
    assert data["total"] == 0 and data["suggestion"] == "dilemma"


def test_errors_are_dutch_json_with_a_4xx_status(client, search_index):
    for url, status, words in [
        ("/api/v1/search", 400, "zoekvraag"),
        ("/api/v1/search?q=x&kind=nope", 400, "kies uit: principle, method"),
        ("/api/v1/search?q=x&page=0", 400, "'page': geef een getal van minstens 1"),
        ("/api/v1/search?q=x&people=veel", 400, "heel getal"),
        ("/api/v1/search/suggest?q=" + "a" * 201, 400, "hoogstens 200 tekens"),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert words in response.get_json()["message"].lower(), url


def test_without_an_index_the_api_says_so(app, client, search_index):
    with app.app_context():
        backend().wait_for_merge()
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    response = client.get("/api/v1/search?q=dilemma")
    assert response.status_code == 503
    assert response.get_json()["message"].startswith("Zoeken is tijdelijk niet beschikbaar")


def test_suggest_offers_titles_that_begin_like_the_words_typed(client, search_index):
    data = client.get("/api/v1/search/suggest?q=werken vanuit vert").get_json()
    assert data["suggestions"][0] == {
        "title": "Werken vanuit vertrouwen",
        "kind": "principle",
        "url": "http://localhost/principes/werken-vanuit-vertrouwen",
    }
    assert client.get("/api/v1/search/suggest?q=").get_json() == {"suggestions": []}
