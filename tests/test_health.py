"""/healthz tells monitoring whether the database answers."""

from conftest import make_app


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_is_503_with_a_dutch_message_when_the_database_is_gone(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/no/such/dir/wiki.sqlite")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert "tijdelijk niet beschikbaar" in response.json["message"]
