"""Writing through /api/v1: create, save with merge or conflict, revert, revisions, diff."""

import pytest

SLUG = "langs-de-lijn-van-ambtelijk-vakmanschap"


@pytest.fixture
def client(api_as):
    """The API as an employee with a personal token."""
    return api_as("editor")


def current(client, slug=SLUG):
    return client.get(f"/api/v1/pages/{slug}").json


def put(client, slug=SLUG, **data):
    return client.put(f"/api/v1/pages/{slug}", json=data)


def test_create_a_page_with_fields_and_tags(client):
    response = client.post(
        "/api/v1/pages",
        json={
            "kind": "dilemma",
            "title": "Meld ik het of niet?",
            "markdown": "Een collega doet iets wat niet klopt.",
            "fields": {"principles": ["werken-vanuit-vertrouwen"], "question": "Wat zou jij doen?"},
            "tags": ["integriteit", "Melden"],
        },
    )
    assert response.status_code == 201
    assert response.headers["Location"].endswith("/api/v1/pages/meld-ik-het-of-niet")
    page = response.json
    assert page["url"].endswith("/dilemmas/meld-ik-het-of-niet")
    assert page["fields"]["principles"] == ["werken-vanuit-vertrouwen"]
    assert page["tags"] == ["integriteit", "Melden"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "recept", "title": "x"}, "kind", "Kies een soort pagina"),
        ({"kind": "dilemma", "title": ""}, "title", "Geef de pagina een titel."),
        ({"kind": "dilemma", "title": "<b>Vet</b>"}, "title", "geen < of >"),
        ({"kind": "dilemma", "title": "Zonder principe"}, "principles", "verplicht"),
        (
            {
                "kind": "dilemma",
                "title": "Fout principe",
                "fields": {"principles": ["lekker-werken"]},
            },
            "principles",
            "Onbekend principe: lekker-werken.",
        ),
        ({"kind": "method", "title": "Te lang", "markdown": "x" * 100_001}, "body", "te lang"),
        (
            {"kind": "method", "title": "Raar veld", "fields": {"kleur": "rood"}},
            "kleur",
            "geen veld",
        ),
        (
            {
                "kind": "method",
                "title": "Omgekeerd",
                "fields": {"duration": {"min": 90, "max": 60}},
            },
            "duration",
            "De kleinste waarde is groter dan de grootste.",
        ),
        (
            # One item a line, as a string: the same limit as a JSON list.
            {
                "kind": "method",
                "title": "Lange lijst",
                "fields": {"materials": "\n".join(f"pen {i}" for i in range(101))},
            },
            "materials",
            "Gebruik hoogstens 100 onderdelen.",
        ),
    ],
)
def test_invalid_pages_are_refused_with_a_dutch_message_per_field(client, data, field, words):
    response = client.post("/api/v1/pages", json=data)
    assert response.status_code == 422
    assert response.json["message"] == "Niet alle gegevens zijn goed ingevuld."
    assert words in response.json["errors"][field]


def test_writes_need_json(client):
    response = client.post("/api/v1/pages", data={"kind": "dilemma", "title": "Formulier"})
    assert response.status_code == 415
    assert "JSON" in response.json["message"]
    response = client.post("/api/v1/pages", data="[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_a_plain_save_on_the_current_revision(client):
    base = current(client)["revision_id"]
    response = put(
        client,
        base_revision=base,
        fields={**current(client)["fields"], "group_size": {"min": 12, "max": 60}},
        summary="Grotere zaal",
    )
    assert response.status_code == 200
    assert response.json["merged"] is False and response.json["changed"] is True
    assert response.json["fields"]["group_size"] == {"min": 12, "max": 60}
    assert response.json["revision_id"] != base


def test_a_save_on_an_old_base_that_does_not_overlap_is_merged(client):
    page = current(client)
    base = page["revision_id"]
    put(client, base_revision=base, markdown=page["markdown"] + "\nEerste aanvulling.\n")
    response = put(client, base_revision=base, fields={**page["fields"], "materials": ["Tape"]})
    assert response.status_code == 200
    assert response.json["merged"] is True
    assert "Eerste aanvulling." in response.json["markdown"]
    assert response.json["fields"]["materials"] == ["Tape"]


def test_an_overlapping_save_is_a_409_with_both_versions(client):
    page = current(client)
    base = page["revision_id"]
    put(client, base_revision=base, fields={**page["fields"], "tagline": "Eerste"})
    response = put(client, base_revision=base, fields={**page["fields"], "tagline": "Tweede"})
    assert response.status_code == 409
    assert "Je tekst is bewaard" in response.json["message"]
    assert response.json["conflicts"] == ["tagline"]
    assert response.json["current"]["fields"]["tagline"] == "Eerste"
    assert response.json["yours"]["fields"]["tagline"] == "Tweede"
    assert current(client)["fields"]["tagline"] == "Eerste"


def test_a_save_that_changes_nothing_makes_no_revision(client):
    page = current(client)
    response = put(client, base_revision=page["revision_id"])
    assert response.status_code == 200 and response.json["changed"] is False
    assert response.json["revision_id"] == page["revision_id"]


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({}, 422, "Geef de versie"),
        ({"base_revision": "abc"}, 422, "hoort niet bij deze pagina"),
        ({"base_revision": 999999}, 422, "hoort niet bij deze pagina"),
    ],
)
def test_a_save_needs_a_base_revision_of_this_page(client, data, status, words):
    response = put(client, **data)
    assert response.status_code == status
    assert words in str(response.json)


def test_revert_restores_an_earlier_revision_as_a_new_one(client):
    page = current(client)
    put(client, base_revision=page["revision_id"], markdown="Weg met alles.")
    response = client.post(f"/api/v1/pages/{SLUG}/revert", json={"revision": page["revision_id"]})
    assert response.status_code == 200
    assert response.json["markdown"] == page["markdown"]
    assert client.get(f"/api/v1/pages/{SLUG}/revisions").json["total"] == 3


def test_one_revision_and_the_structured_diff_between_two(client):
    page = current(client)
    first = page["revision_id"]
    fields = {**page["fields"], "group_size": {"min": 12, "max": 40}}
    second = put(client, base_revision=first, fields=fields).json["revision_id"]
    old = client.get(f"/api/v1/pages/{SLUG}/revisions/{first}").json
    assert old["fields"]["group_size"] == {"min": 12, "max": 50}
    assert old["current"] is False
    diff = client.get(f"/api/v1/pages/{SLUG}/diff?from={first}&to={second}").json["diff"]
    assert diff["body"] is None and diff["title"] is None
    [change] = diff["fields"]
    assert change["name"] == "group_size" and change["old"] == "12–50" and change["new"] == "12–40"
    assert {"op": "insert", "text": "40"} in change["text"]["inline"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/v1/pages/{SLUG}/revisions/abc", 400),
        (f"/api/v1/pages/{SLUG}/revisions/999999", 404),
        (f"/api/v1/pages/{SLUG}/diff?from=1", 400),
        (f"/api/v1/pages/{SLUG}/diff?from=x&to=1", 400),
        ("/api/v1/pages/bestaat-niet/diff?from=1&to=2", 404),
    ],
)
def test_malformed_revision_requests_get_a_dutch_4xx(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json["message"]
