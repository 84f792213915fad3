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


def errors_of(response) -> dict[str, str]:
    """The problem's field errors as {field: Dutch sentence}."""
    return {e["field"]: e["detail"] for e in response.json.get("errors", [])}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "recept", "title": "x"}, "kind", "Kies uit: principle, method"),
        ({"kind": "dilemma", "title": ""}, "title", "Geef de pagina een titel."),
        ({"kind": "dilemma", "title": "<b>Vet</b>"}, "title", "geen < of >"),
        ({"kind": "dilemma", "title": "Zonder principe"}, "fields.principles", "verplicht"),
        (
            {
                "kind": "dilemma",
                "title": "Fout principe",
                "fields": {"principles": ["lekker-werken"]},
            },
            "fields.principles",
            "Onbekend principe: lekker-werken.",
        ),
        ({"kind": "method", "title": "Te lang", "markdown": "x" * 100_001}, "markdown", "te lang"),
        (
            {"kind": "method", "title": "Raar veld", "fields": {"kleur": "rood"}},
            "fields.kleur",
            "geen veld",
        ),
        (
            {
                "kind": "method",
                "title": "Omgekeerd",
                "fields": {"duration": {"min": 90, "max": 60}},
            },
            "fields.duration",
            "De kleinste waarde is groter dan de grootste.",
        ),
        (
            # One item a line, as a string: the same limit as a JSON list.
            {
                "kind": "method",
                "title": "Lange lijst",
                "fields": {"materials": "\n".join(f"pen {i}" for i in range(101))},
            },
            "fields.materials",
            "Gebruik hoogstens 100 onderdelen.",
        ),
        ({"kind": "method", "title": "Getal", "tags": "los"}, "tags", "Geef een lijst."),
    ],
)
def test_invalid_pages_are_refused_with_a_dutch_problem_per_field(client, data, field, words):
    response = client.post("/api/v1/pages", json=data)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 422 and response.json["title"]
    assert response.json["message"] == response.json["detail"]
    assert words in errors_of(response)[field]


def test_writes_need_json(client):
    response = client.post("/api/v1/pages", data={"kind": "dilemma", "title": "Formulier"})
    assert response.status_code == 415
    assert "JSON" in response.json["message"]
    response = client.post("/api/v1/pages", data="[1, 2]", content_type="application/json")
    assert response.status_code == 400


def whole(page: dict, **changes) -> dict:
    """A PUT body: every part of page as it is now, with changes."""
    body = {key: page[key] for key in ("title", "markdown", "fields", "tags")}
    return {"base_revision": page["revision_id"], **body, **changes}


def patch(client, slug=SLUG, headers=None, **data):
    return client.patch(f"/api/v1/pages/{slug}", json=data, headers=headers or {})


def revision_count(client, slug=SLUG) -> int:
    return client.get(f"/api/v1/pages/{slug}/revisions").json["total"]


def test_a_whole_put_on_the_current_revision(client):
    page = current(client)
    fields = {**page["fields"], "group_size": {"min": 12, "max": 60}}
    response = put(client, **whole(page, fields=fields, summary="Grotere zaal"))
    assert response.status_code == 200
    assert response.json["merged"] is False and response.json["changed"] is True
    assert response.json["fields"]["group_size"] == {"min": 12, "max": 60}
    assert response.json["revision_id"] != page["revision_id"]
    assert response.headers["ETag"] == f'"{response.json["revision_id"]}"'


WORKSHOP = "gedrag-op-de-werkvloer"


def test_a_partial_patch_keeps_every_other_part_byte_for_byte(client):
    before = current(client, WORKSHOP)
    response = patch(
        client,
        WORKSHOP,
        base_revision=before["revision_id"],
        fields={"duration": {"min": 45, "max": 60}},
    )
    assert response.status_code == 200 and response.json["changed"] is True
    after = current(client, WORKSHOP)
    assert after["fields"]["duration"] == {"min": 45, "max": 60}
    others = {k: v for k, v in after["fields"].items() if k != "duration"}
    assert others == {k: v for k, v in before["fields"].items() if k != "duration"}
    for part in ("title", "markdown", "tags"):
        assert after[part] == before[part], part
    # Negative control: the page really has other fields that a replacement would empty.
    assert before["fields"]["preparation"] and before["fields"]["materials"]


def test_the_same_partial_body_as_put_is_422_naming_what_is_missing_and_saves_nothing(client):
    page = current(client, WORKSHOP)
    count = revision_count(client, WORKSHOP)
    body = {"base_revision": page["revision_id"], "fields": {"duration": {"min": 45, "max": 60}}}
    response = put(client, WORKSHOP, **body)
    assert response.status_code == 422
    missing = errors_of(response)
    assert {"title", "markdown", "tags"} <= set(missing)
    # The body named fields, but not all of them: each one left out is named too.
    assert {"fields.tagline", "fields.preparation", "fields.materials"} <= set(missing)
    assert "fields.duration" not in missing
    assert revision_count(client, WORKSHOP) == count
    assert current(client, WORKSHOP) == page
    # Negative control: the complete body is accepted and makes one revision.
    fields = {**page["fields"], "duration": {"min": 45, "max": 60}}
    assert put(client, WORKSHOP, **whole(page, fields=fields)).status_code == 200
    assert revision_count(client, WORKSHOP) == count + 1


def test_a_patch_may_empty_one_field_with_null(client):
    page = current(client, WORKSHOP)
    response = patch(client, WORKSHOP, base_revision=page["revision_id"], fields={"levels": None})
    assert response.status_code == 200
    assert response.json["fields"]["levels"] == []
    assert response.json["fields"]["materials"] == page["fields"]["materials"]


def test_a_save_on_an_old_base_that_does_not_overlap_is_merged(client):
    page = current(client)
    base = page["revision_id"]
    patch(client, base_revision=base, markdown=page["markdown"] + "\nEerste aanvulling.\n")
    response = patch(client, base_revision=base, fields={"materials": ["Tape"]})
    assert response.status_code == 200
    assert response.json["merged"] is True
    assert "Eerste aanvulling." in response.json["markdown"]
    assert response.json["fields"]["materials"] == ["Tape"]


def test_an_overlapping_save_is_a_409_with_both_versions(client):
    page = current(client)
    base = page["revision_id"]
    patch(client, base_revision=base, fields={"tagline": "Eerste"})
    response = patch(client, base_revision=base, fields={"tagline": "Tweede"})
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert "Je tekst is bewaard" in response.json["detail"]
    assert response.json["conflicts"] == ["tagline"]
    assert response.json["current"]["fields"]["tagline"] == "Eerste"
    assert response.json["yours"]["fields"]["tagline"] == "Tweede"
    assert current(client)["fields"]["tagline"] == "Eerste"


def test_if_match_names_the_base_and_a_stale_overlapping_one_is_412(client):
    response = client.get(f"/api/v1/pages/{SLUG}")
    etag = response.headers["ETag"]
    assert etag == f'"{response.json["revision_id"]}"'
    first = patch(client, headers={"If-Match": etag}, fields={"tagline": "Eerste"})
    assert first.status_code == 200 and first.headers["ETag"] != etag
    # Stale, but a different part: merged, as with base_revision.
    merged = patch(client, headers={"If-Match": etag}, fields={"materials": ["Tape"]})
    assert merged.status_code == 200 and merged.json["merged"] is True
    stale = patch(client, headers={"If-Match": etag}, fields={"tagline": "Tweede"})
    assert stale.status_code == 412
    assert stale.json["conflicts"] == ["tagline"]
    assert current(client)["fields"]["tagline"] == "Eerste"
    # Negative control: the current ETag is accepted.
    fresh = patch(client, headers={"If-Match": merged.headers["ETag"]}, fields={"tagline": "Drie"})
    assert fresh.status_code == 200 and fresh.json["fields"]["tagline"] == "Drie"


def test_if_match_of_another_pages_version_is_412(client):
    other = client.get("/api/v1/pages/dansende-dilemmas").headers["ETag"]
    response = patch(client, headers={"If-Match": other}, markdown="Nieuw")
    assert response.status_code == 412
    assert current(client)["markdown"] != "Nieuw"


def test_a_save_that_changes_nothing_makes_no_revision(client):
    page = current(client)
    response = patch(client, base_revision=page["revision_id"])
    assert response.status_code == 200 and response.json["changed"] is False
    assert response.json["revision_id"] == page["revision_id"]
    assert put(client, **whole(page)).json["changed"] is False


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({}, "base_revision", "Geef de versie"),
        ({"base_revision": "abc"}, "base_revision", "heel getal"),
        ({"base_revision": 999999}, "base_revision", "hoort niet bij deze pagina"),
        ({"base_revision": 1, "colour": "red"}, "colour", "kennen we hier niet"),
    ],
)
def test_a_save_needs_a_base_revision_of_this_page(client, data, field, words):
    response = patch(client, **data)
    assert response.status_code == 422
    assert words in errors_of(response)[field]


def test_revert_restores_an_earlier_revision_as_a_new_one(client):
    page = current(client)
    patch(client, base_revision=page["revision_id"], markdown="Weg met alles.")
    response = client.post(f"/api/v1/pages/{SLUG}/revert", json={"revision": page["revision_id"]})
    assert response.status_code == 200
    assert response.json["markdown"] == page["markdown"]
    assert revision_count(client) == 3


def test_one_revision_and_the_structured_diff_between_two(client):
    page = current(client)
    first = page["revision_id"]
    fields = {"group_size": {"min": 12, "max": 40}}
    second = patch(client, base_revision=first, fields=fields).json["revision_id"]
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
        (f"/api/v1/pages/{SLUG}/revisions/abc", 404),
        (f"/api/v1/pages/{SLUG}/revisions/999999", 404),
        (f"/api/v1/pages/{SLUG}/revisions/99999999999999999999", 404),
        (f"/api/v1/pages/{SLUG}/diff?from=1", 400),
        (f"/api/v1/pages/{SLUG}/diff?from=x&to=1", 400),
        ("/api/v1/pages/bestaat-niet/diff?from=1&to=2", 404),
    ],
)
def test_malformed_revision_requests_get_a_dutch_4xx(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.json["detail"]
