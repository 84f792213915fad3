"""Reads never depend on a write: a read-only database still answers every GET.

The render cache and an API token's "last used" time are written on the side, in their
own transaction; when the database refuses (a read-only replica, say) the read goes on.
"""

import logging

import pytest
from conftest import make_app
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from wiki.extensions import db
from wiki.models import ApiToken, Page, Revision

SLUG = "werken-vanuit-vertrouwen"
PATH = f"/principes/{SLUG}"


def read_only_url(url: str) -> str:
    """Return url opened read-only: SQLite's mode=ro, PostgreSQL's read-only transactions."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return f"sqlite:///file:{parsed.database}?mode=ro&uri=true"
    return parsed.update_query_dict(
        {"options": "-c default_transaction_read_only=on"}
    ).render_as_string(hide_password=False)


def forget_render(app) -> None:
    with app.app_context():
        current = select(Page.current_revision_id).where(Page.slug == SLUG).scalar_subquery()
        db.session.execute(update(Revision).where(Revision.id == current).values(rendered=None))
        db.session.commit()


def cached_render(app):
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == SLUG))
        return page.current_revision.rendered


@pytest.fixture
def replica(app):
    """A second app on the same database, which refuses every write."""
    replica = make_app(read_only_url(app.config["DATABASE_URL"]))
    yield replica
    with replica.app_context():
        db.engine.dispose()


def test_the_database_behind_the_replica_app_refuses_writes(replica):
    """Negative control: the replica really is read-only."""
    with replica.app_context(), pytest.raises(Exception, match="(?i)read-only|readonly"):
        db.session.execute(update(Revision).values(rendered=None))
        db.session.commit()


def test_a_page_view_renders_and_answers_200_when_the_cache_cannot_be_written(app, replica, caplog):
    forget_render(app)
    with caplog.at_level(logging.WARNING, logger="wiki.services.best_effort"):
        response = replica.test_client().get(PATH)
    assert response.status_code == 200
    assert "Werken vanuit vertrouwen" in response.get_data(as_text=True)
    assert cached_render(app) is None
    assert "Could not cache the HTML of revision" in caplog.text


def test_a_page_view_on_a_writable_database_caches_its_html(app, client):
    """Negative control: the side write happens when the database allows it."""
    forget_render(app)
    assert client.get(PATH).status_code == 200
    cache = cached_render(app)
    assert cache is not None and "<p>" in cache["body"]


def test_an_api_read_with_a_token_answers_200_when_last_used_cannot_be_written(
    app, replica, make_user, token_for, caplog
):
    token = token_for(make_user())
    api = replica.test_client()
    with caplog.at_level(logging.WARNING, logger="wiki.services.best_effort"):
        response = api.get(f"/api/v1/pages/{SLUG}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json["title"] == "Werken vanuit vertrouwen"
    assert "Could not note the use of API token" in caplog.text
    with app.app_context():
        assert db.session.scalar(select(ApiToken.last_used_at)) is None


def test_an_api_token_notes_its_last_use_at_most_every_few_minutes(app, make_user, token_for):
    """Negative control for the above, and the write happens once, not on every call."""
    token = token_for(make_user())
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    assert client.get(f"/api/v1/pages/{SLUG}", headers=headers).status_code == 200
    with app.app_context():
        first = db.session.scalar(select(ApiToken.last_used_at))
    assert first is not None
    assert client.get(f"/api/v1/pages/{SLUG}", headers=headers).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ApiToken.last_used_at)) == first
