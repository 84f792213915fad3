"""Seeding: automatic on an empty database, idempotent by command, authored by the system."""

from conftest import make_app
from sqlalchemy import func, select

from wiki.config import PROJECT_ROOT
from wiki.extensions import db
from wiki.models import Page, Revision, User
from wiki.services.seed import read_seed

SEED_COUNT = len(read_seed(PROJECT_ROOT / "seed" / "pages"))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_first_start_on_an_empty_database_migrates_and_seeds(databases):
    url = databases.empty()
    app = make_app(url, auto_setup=True)
    with app.app_context():
        assert count(Page) == SEED_COUNT
        assert count(Revision) == SEED_COUNT
        authors = set(db.session.scalars(select(Revision.author_id)))
        system = db.session.scalar(select(User).where(User.is_system))
        assert authors == {system.id}
        assert system.password_hash is None
    with app.app_context():
        db.engine.dispose()
    databases.drop(url)


def test_second_start_changes_nothing(app):
    with app.app_context():
        before = (count(Page), count(Revision), count(User))
    again = make_app(app.config["DATABASE_URL"], auto_setup=True)
    with again.app_context():
        assert (count(Page), count(Revision), count(User)) == before
        db.engine.dispose()


def test_seed_command_is_idempotent_and_says_so(runner, app):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert f"Niets veranderd: alle {SEED_COUNT} startpagina's bestaan al." in result.output
    with app.app_context():
        assert count(Revision) == SEED_COUNT


def test_seed_command_recreates_a_missing_page_only(runner, app):
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == "dansende-dilemmas"))
        page.current_revision = None
        db.session.flush()
        db.session.delete(page)
        db.session.commit()
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "1 pagina's aangemaakt: dansende-dilemmas." in result.output
    with app.app_context():
        assert count(Page) == SEED_COUNT


def test_seeded_pages_name_their_source_documents(client):
    page = client.get("/api/v1/pages/langs-de-lijn-van-ambtelijk-vakmanschap").json
    assert "Bron: *Werkvorm Langs de Lijn van Ambtelijk Vakmanschap*" in page["markdown"]


def test_seed_and_init_db_without_seed_pages_stop_with_a_dutch_message(databases, tmp_path):
    url = databases.empty()
    app = make_app(url, SEED_DIR=str(tmp_path))
    runner = app.test_cli_runner()
    for command in ("init-db", "seed"):
        result = runner.invoke(args=[command])
        assert result.exit_code == 1, command
        assert f"Geen startpagina's gevonden in {tmp_path}." in result.output
    with app.app_context():
        assert count(Page) == 0
        db.engine.dispose()
    databases.drop(url)
