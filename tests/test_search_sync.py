"""The index stays in step with the database: pending work, locks, rebuild and check."""

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import _dispose, make_app
from sqlalchemy import func, select

from wiki.extensions import db
from wiki.models import IndexTask, Page, Revision, User
from wiki.search import backend, results, sync


def titles(app, query: str) -> list[str]:
    with app.app_context():
        return [hit.page.title for hit in results.search(query).hits]


def pending(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(IndexTask.id)))


def test_index_work_is_recorded_in_the_same_transaction_as_the_change(app, search_index):
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == "een-journalist-belt"))
        sync.record(page)
        db.session.rollback()
    assert pending(app) == 0


def test_a_busy_index_keeps_the_work_until_it_is_free(app, search_index, make_page, monkeypatch):
    with app.app_context():
        monkeypatch.setattr(backend(), "write_timeout", 0.05)
        with backend()._write_lock(None):  # another process is writing
            make_page(title="Wachten op de index", body="Een woord: goudvink.")
    assert pending(app) == 1
    # The next search (or save, or rebuild) applies what was left pending.
    assert titles(app, "goudvink") == ["Wachten op de index"]
    assert pending(app) == 0


def test_check_reports_a_page_whose_index_entry_is_stale(app, runner, search_index):
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == "de-menselijke-maat"))
        head = db.session.get(Revision, page.current_revision_id)
        newer = Revision(
            page_id=page.id,
            parent_id=head.id,
            title=head.title,
            body="Nieuw.",
            fields=head.fields,
            tags=head.tags,
            summary="buiten de service om",
        )
        db.session.add(newer)
        db.session.flush()
        page.current_revision_id = newer.id
        db.session.commit()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code != 0
    assert "de-menselijke-maat" in result.output
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "De zoekindex is bij." in result.output


def test_check_without_an_index_says_what_to_do(runner):
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code != 0
    assert "wiki search rebuild" in result.output


def test_rebuild_swaps_in_a_new_generation_and_removes_old_ones(app, runner, search_index):
    root = Path(app.config["SEARCH_INDEX_DIR"])
    first = (root / "CURRENT").read_text()
    for _ in range(3):
        assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert (root / "CURRENT").read_text() != first
    assert len(list(root.glob("gen-*"))) == 2  # the live one and the one before
    assert "Tegenspraak die wordt weggewoven" in titles(app, "tegenspraak")


def test_first_start_builds_the_index(databases):
    url = databases.empty()
    app = make_app(url, auto_setup=True)
    try:
        assert "Model van de Ambtenaar" in titles(app, "buikpijn")
        with app.app_context():
            assert sync.check().ok
    finally:
        _dispose(app)
        databases.drop(url)


WRITER = textwrap.dedent(
    """
    import sys
    from wiki import create_app
    from wiki.extensions import db
    from wiki.models import User
    from wiki.services import pages

    url, index, instance, title, user_id = sys.argv[1:6]
    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_DIR": index, "INSTANCE_PATH": instance,
                      "SECRET_KEY": "test", "AUTO_SETUP": False})
    with app.app_context():
        print("klaar", flush=True)
        sys.stdin.readline()
        pages.create_page("dilemma", title=title, body="Over de ijsvogel.",
                          fields={"principles": ["werken-vanuit-vertrouwen"]},
                          actor=db.session.get(User, int(user_id)))
    print("opgeslagen", flush=True)
    """
)


def test_two_processes_saving_at_once_both_end_up_indexed(app, runner, search_index):
    config = app.config
    instance = str(Path(app.instance_path))
    with app.app_context():
        editor = User(username="schrijver", display_name="Schrijver", role="editor")
        db.session.add(editor)
        db.session.commit()
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                config["DATABASE_URL"],
                config["SEARCH_INDEX_DIR"],
                instance,
                title,
                str(editor.id),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for title in ("IJsvogel in de ochtend", "IJsvogel in de avond")
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "klaar"
    for writer in writers:  # both start saving now
        writer.stdin.write("\n")
        writer.stdin.flush()
    for writer in writers:
        output, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0 and "opgeslagen" in output
    assert sorted(titles(app, "ijsvogel")) == ["IJsvogel in de avond", "IJsvogel in de ochtend"]
    assert pending(app) == 0
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
