"""The JSON read API: lists, details, revisions, and Dutch errors for bad requests."""

import pytest

PRINCIPLES = [
    "werken-vanuit-vertrouwen",
    "werken-vanuit-dienstbaarheid",
    "werken-vanuit-legitimiteit",
    "werken-vanuit-de-opgave",
    "werken-vanuit-verantwoordelijkheid",
    "werken-vanuit-verantwoording",
    "werken-vanuit-professionaliteit",
]
METHODS = {
    "model-van-de-ambtenaar": ({"min": 60, "max": 90}, {"max": 25}),
    "langs-de-lijn-van-ambtelijk-vakmanschap": ({"min": 30}, {"min": 12, "max": 50}),
    "dansende-dilemmas": ({"min": 90, "max": 150}, {"max": 25}),
    "vragen-ter-inspiratie-voor-een-goed-gesprek": (None, None),
    "verhalen-en-beelden-uit-de-praktijk": (None, None),
    "gedrag-op-de-werkvloer": (None, None),
}


def test_principles_list_has_exactly_the_seven(client):
    response = client.get("/api/v1/pages?kind=principle")
    assert response.status_code == 200
    slugs = [p["slug"] for p in response.json["pages"]]
    assert sorted(slugs) == sorted(PRINCIPLES)
    assert response.json["total"] == 7
    assert all(p["url"].endswith(f"/principes/{p['slug']}") for p in response.json["pages"])


def test_methods_list_has_the_six_werkvormen_with_their_figures(client):
    listed = {p["slug"] for p in client.get("/api/v1/pages?kind=method").json["pages"]}
    assert set(METHODS) <= listed
    for slug, (duration, size) in METHODS.items():
        fields = client.get(f"/api/v1/pages/{slug}").json["fields"]
        for expected, actual in ((duration, fields["duration"]), (size, fields["group_size"])):
            for bound, value in (expected or {}).items():
                assert actual[bound] == value, (slug, expected, actual)


def test_dilemmas_are_seeded_and_each_names_a_principle(client):
    dilemmas = client.get("/api/v1/pages?kind=dilemma").json["pages"]
    assert len(dilemmas) >= 8
    for item in dilemmas:
        detail = client.get(f"/api/v1/pages/{item['slug']}").json
        assert detail["fields"]["principles"], item["slug"]
        assert set(detail["fields"]["principles"]) <= set(PRINCIPLES)
        assert detail["links"]["principles"] == detail["fields"]["principles"]


def test_every_principle_lists_the_dilemmas_that_link_to_it(client):
    dilemmas = client.get("/api/v1/pages?kind=dilemma").json["pages"]
    linking = {slug: set() for slug in PRINCIPLES}
    for item in dilemmas:
        for principle in client.get(item["api_url"]).json["fields"]["principles"]:
            linking[principle].add(item["slug"])
    for principle, expected in linking.items():
        backlinks = client.get(f"/api/v1/pages/{principle}").json["backlinks"]
        through_field = {b["slug"] for b in backlinks["dilemma"] if "principles" in b["via"]}
        assert through_field == expected
        assert expected, f"no seeded dilemma names {principle}"
        page = client.get(f"/principes/{principle}").get_data(as_text=True)
        section = page.split("Dilemma&#39;s waarin dit principe speelt")[1].split("</section>")[0]
        assert section.count("<li>") == len(expected)
        for slug in expected:
            assert f'href="/dilemmas/{slug}"' in section


def test_page_detail_has_markdown_html_fields_tags_and_revision(client):
    page = client.get("/api/v1/pages/werken-vanuit-vertrouwen").json
    assert page["title"] == "Werken vanuit vertrouwen"
    assert page["kind"] == "principle"
    assert page["fields"]["values"] == ["integer", "open", "inclusief"]
    assert "<p>" in page["html"] and page["markdown"]
    assert isinstance(page["revision_id"], int)
    assert page["tags"]
    revisions = client.get("/api/v1/pages/werken-vanuit-vertrouwen/revisions").json
    assert revisions["total"] == 1
    assert revisions["revisions"][0]["id"] == page["revision_id"]
    assert revisions["revisions"][0]["author"] == "AV-wiki (startinhoud)"


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/v1/pages/bestaat-niet", 404, "bestaat niet"),
        ("/api/v1/pages?kind=recept", 400, "Kies uit: principle, method"),
        ("/api/v1/pages/dansende-dilemmas/revisions?page=twee", 400, "heel getal"),
        ("/api/v1/pages/dansende-dilemmas/revisions?per_page=0", 400, "minstens 1"),
        ("/api/v1/pages/bestaat-niet/revisions", 404, "bestaat niet"),
        ("/api/v1/onbekend", 404, "bestaat niet"),
    ],
)
def test_bad_requests_get_a_dutch_json_message(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert response.is_json
    assert words in response.json["message"]


def test_writes_to_the_read_api_are_not_allowed(client):
    response = client.delete("/api/v1/pages/dansende-dilemmas")
    assert response.status_code == 405
    assert response.json["message"] == "Deze actie kan hier niet."
