"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from wiki.extensions import db


def test_upgrading_an_empty_database_leaves_no_drift_from_the_models(empty_app):
    with empty_app.app_context():
        upgrade(directory=empty_app.extensions["migrate"].directory)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        tables = set(inspect(db.engine).get_table_names())
    assert diff == []
    assert {"pages", "revisions", "page_links", "tags", "page_tags", "users"} <= tables


def test_a_page_made_under_the_old_slug_rule_also_answers_to_its_new_slug(empty_app):
    """Old slugs keep working, and [[Ørsted en Æsop]] finds the page made back then."""
    with empty_app.app_context():
        directory = empty_app.extensions["migrate"].directory
        upgrade(directory=directory, revision="9b4e2d7c1a05")
        with db.engine.begin() as conn:
            for page_id, slug, title in (
                (1, "rsted-en-sop", "Ørsted en Æsop"),  # the old rule dropped Ø and Æ
                (2, "dansende-dilemmas", "Dansende Dilemma's"),  # the same under both
            ):
                conn.execute(
                    text(
                        "INSERT INTO pages (id, kind, slug, title, is_hidden, is_protected,"
                        " created_at, updated_at) VALUES (:id, 'guide', :slug, :title,"
                        " false, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {"id": page_id, "slug": slug, "title": title},
                )
        upgrade(directory=directory)
        with db.engine.connect() as conn:
            redirects = conn.execute(text("SELECT old_slug, page_id FROM page_redirects")).all()
    assert [tuple(row) for row in redirects] == [("orsted-en-aesop", 1)]
    with empty_app.app_context():
        from wiki.services import pages, rendering

        assert pages.get_page("rsted-en-sop").id == 1
        assert pages.get_page("orsted-en-aesop").slug == "rsted-en-sop"
        assert 'href="/gids/rsted-en-sop"' in rendering.render_text("Zie [[Ørsted en Æsop]].")
