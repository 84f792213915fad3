"""Moderators own search's synonyms and word forms: a protected, versioned wiki page."""

import fcntl
from pathlib import Path

import pytest
from conftest import _dispose, form_data, make_app
from sqlalchemy import func, select
from test_search_sync import titles
from test_web_pages import text_of

from wiki.extensions import db
from wiki.models import IndexTask, Revision
from wiki.search import backend, sync
from wiki.search.whoosh_backend import REBUILD_LOCK

PAGE = "/gids/zoekwoordenlijst"


def wait_for_rebuild(app) -> None:
    with app.app_context():
        sync.wait_for_rebuild()


def edit_vocabulary(client, change):
    """Open the vocabulary page's edit form, change its body, submit it."""
    form = form_data(client.get(f"{PAGE}/bewerken"))
    form["body"] = change(form["body"].replace("\r\n", "\n"))
    form["summary"] = "Woordenlijst bijgewerkt"
    return client.post(f"{PAGE}/bewerken", data=form)


def add_synonyms(body: str, line: str) -> str:
    return body.replace("## Synoniemen\n", f"## Synoniemen\n\n{line}\n", 1)


def with_praatplaat(body: str) -> str:
    return add_synonyms(body, "- gesprekskaart, praatplaat")


def test_a_moderators_new_synonym_finds_pages_after_the_rebuild_it_starts(
    app, client, login_as, search_index
):
    # Negative control: nobody says "praatplaat" in the wiki.
    assert titles(app, "praatplaat") == []
    login_as("moderator")
    response = edit_vocabulary(client, with_praatplaat)
    assert response.status_code == 302
    wait_for_rebuild(app)
    found = titles(app, "praatplaat")
    # The werkvorm with the conversation cards; the list itself is found by its title only.
    assert found[0] == "Gedrag op de werkvloer" and "Zoekwoordenlijst" not in found
    assert titles(app, "zoekwoordenlijst")[0] == "Zoekwoordenlijst"
    assert "gebruikt de huidige versie van deze lijst" in text_of(client.get(PAGE))


def test_a_new_word_form_changes_how_pages_are_indexed(app, client, login_as, search_index):
    assert "Werken vanuit verantwoording" not in titles(app, "rekenschap")
    login_as("moderator")
    response = edit_vocabulary(
        client, lambda body: body.rstrip() + "\n- rekenschap → verantwoording\n"
    )
    assert response.status_code == 302
    wait_for_rebuild(app)
    assert "Werken vanuit verantwoording" in titles(app, "rekenschap")[:3]


def test_reverting_the_vocabulary_page_restores_the_old_lists(app, client, login_as, search_index):
    login_as("moderator")
    with app.app_context():
        first = sync.vocabulary_source().revision_id
    edit_vocabulary(client, with_praatplaat)
    wait_for_rebuild(app)
    assert titles(app, "praatplaat")
    confirm = client.get(f"{PAGE}/terugzetten?revision={first}")
    response = client.post(f"{PAGE}/terugzetten", data=form_data(confirm))
    assert response.status_code == 302
    wait_for_rebuild(app)
    assert titles(app, "praatplaat") == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda body: add_synonyms(body, "- alleen"), "een groep synoniemen heeft twee of meer"),
        (lambda body: body.rstrip() + "\n- dilemmas dilemma\n", "schrijf een woordvorm als"),
        (lambda body: "Alles weg.", "kop 'Synoniemen' of 'Woordvormen' nodig"),
    ],
)
def test_a_broken_list_is_refused_in_dutch_and_the_text_is_kept(
    app, client, login_as, search_index, change, words
):
    login_as("moderator")
    with app.app_context():
        revisions = db.session.scalar(select(func.count(Revision.id)))
        original = sync.vocabulary_source().text
    response = edit_vocabulary(client, change)
    assert response.status_code == 422
    assert words in text_of(response)
    assert form_data(response)["body"].replace("\r\n", "\n") == change(original)
    with app.app_context():
        assert db.session.scalar(select(func.count(Revision.id))) == revisions
        assert db.session.scalar(select(func.count(IndexTask.id))) == 0


def test_the_api_refuses_a_broken_list_with_a_json_message(app, api_as, search_index):
    api = api_as("moderator")
    page = api.get("/api/v1/pages/zoekwoordenlijst").json
    response = api.patch(
        "/api/v1/pages/zoekwoordenlijst",
        json={"base_revision": page["revision_id"], "markdown": "## Woordvormen\n- a b c\n"},
    )
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["field"] == "markdown" and "Regel 2" in error["detail"]


def test_an_editor_can_only_suggest_a_change(app, client, login_as, search_index):
    login_as("editor")
    form = form_data(client.get(f"{PAGE}/bewerken"))
    assert "Wijziging voorstellen" in text_of(client.get(PAGE))
    form["body"] = with_praatplaat(form["body"])
    response = client.post(f"{PAGE}/bewerken", data=form)
    assert response.status_code == 302
    wait_for_rebuild(app)
    assert titles(app, "praatplaat") == []
    with app.app_context():
        assert db.session.scalar(select(func.count(IndexTask.id))) == 0


def test_the_page_says_when_search_still_uses_an_older_list(
    app, client, login_as, runner, search_index
):
    login_as("moderator")
    with app.app_context():
        used = sync.vocabulary_source().revision_id
        lock_path = Path(backend().root) / REBUILD_LOCK
    # Another process is rebuilding: the save must not wait, and search keeps working.
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        response = edit_vocabulary(client, with_praatplaat)
        assert response.status_code == 302
        shown = text_of(client.get(PAGE))
        assert "wordt opnieuw opgebouwd met de nieuwste versie" in shown
        assert f"versie {used}" in shown
        check = runner.invoke(args=["search", "check"])
        assert check.exit_code == 1
        assert f"versie {used} van de zoekwoordenlijst" in check.output
        assert titles(app, "praatplaat") == []
        fcntl.flock(handle, fcntl.LOCK_UN)
    # The next save or search in any process starts the rebuild that is still asked for.
    titles(app, "praatplaat")
    wait_for_rebuild(app)
    assert titles(app, "praatplaat")
    assert "gebruikt de huidige versie van deze lijst" in text_of(client.get(PAGE))
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_another_worker_uses_the_new_list_without_a_restart(app, client, login_as, search_index):
    other = make_app(app.config["DATABASE_URL"], SEARCH_INDEX_DIR=app.config["SEARCH_INDEX_DIR"])
    try:
        assert titles(other, "praatplaat") == []
        login_as("moderator")
        edit_vocabulary(client, with_praatplaat)
        wait_for_rebuild(app)
        assert titles(other, "praatplaat")[0] == "Gedrag op de werkvloer"
    finally:
        _dispose(other)
