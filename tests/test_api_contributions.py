"""What an employee does around a dilemma in the browser, done with a token instead."""

DILEMMA = "tegenspraak-die-wordt-weggewoven"


def test_a_perspective_is_added_and_listed_by_principle(api_as, client):
    api = api_as("editor")
    added = api.post(
        f"/api/v1/pages/{DILEMMA}/perspectives",
        json={"principle": "werken-vanuit-de-opgave", "text": "Ik vraag door.", "anonymous": True},
    )
    assert added.status_code == 201
    assert added.json["author"] == "Anoniem"
    assert added.json["url"] == f"http://localhost/dilemmas/{DILEMMA}#perspectieven"
    groups = client.get(f"/api/v1/pages/{DILEMMA}/perspectives").json["groups"]
    [group] = [g for g in groups if g["principle"] == "werken-vanuit-de-opgave"]
    assert "Ik vraag door." in [p["text"] for p in group["perspectives"]]
    html = client.get(f"/dilemmas/{DILEMMA}").get_data(as_text=True)
    assert "Ik vraag door." in html


def test_a_perspective_without_text_names_the_field_as_the_api_calls_it(api_as):
    response = api_as("editor").post(
        f"/api/v1/pages/{DILEMMA}/perspectives",
        json={"principle": "werken-vanuit-de-opgave", "text": "  "},
    )
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "text", "detail": "Schrijf op wat je zou doen en waarom."}
    ]


def test_votes_are_cast_and_counted(api_as, client):
    api = api_as("editor")
    chosen = ["werken-vanuit-vertrouwen", "werken-vanuit-legitimiteit"]
    response = api.put(f"/api/v1/pages/{DILEMMA}/votes", json={"principles": chosen})
    assert response.status_code == 200 and response.json["mine"] == chosen
    counts = {
        p["slug"]: p["votes"]
        for p in client.get(f"/api/v1/pages/{DILEMMA}/votes").json["principles"]
    }
    assert counts["werken-vanuit-vertrouwen"] >= 1
    too_many = api.put(
        f"/api/v1/pages/{DILEMMA}/votes", json={"principles": chosen * 3 + ["x", "y", "z"]}
    )
    assert too_many.status_code == 422


def test_a_report_reaches_the_moderation_queue(api_as, login_as, client):
    api = api_as("editor")
    page = client.get(f"/api/v1/pages/{DILEMMA}").json
    response = api.post(
        f"/api/v1/pages/{DILEMMA}/reports",
        json={"reason": "Er staat een naam van een collega in.", "revision": page["revision_id"]},
    )
    assert response.status_code == 201 and response.json["status"] == "open"
    login_as("moderator")
    assert "Er staat een naam van een collega in." in client.get("/moderatie").get_data(
        as_text=True
    )
    empty = api.post(f"/api/v1/pages/{DILEMMA}/reports", json={"reason": ""})
    assert empty.status_code == 422 and empty.json["errors"][0]["field"] == "reason"


def test_an_anonymous_caller_cannot_report(client):
    response = client.post(f"/api/v1/pages/{DILEMMA}/reports", json={"reason": "Spam"})
    assert response.status_code == 401


def test_tags_are_set_on_a_page_with_a_patch(api_as, client):
    api = api_as("editor")
    page = client.get(f"/api/v1/pages/{DILEMMA}").json
    response = api.patch(
        f"/api/v1/pages/{DILEMMA}",
        json={"base_revision": page["revision_id"], "tags": [*page["tags"], "Nieuw label"]},
    )
    assert response.status_code == 200
    assert "Nieuw label" in response.json["tags"]
    assert response.json["markdown"] == page["markdown"]
    tagged = client.get("/api/v1/tags/nieuw label").json
    assert [p["slug"] for p in tagged["pages"]] == [DILEMMA]
