"""Racing saves over real HTTP: the database lets exactly one win; no edit is lost."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from wiki.extensions import db
from wiki.models import Revision, User
from wiki.services import pages

RACERS = 20
PARAGRAPHS = [f"Alinea {i}: de oorspronkelijke tekst." for i in range(RACERS)]


def patch_json(url: str, data: dict, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode(),
        method="PATCH",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def race(url: str, bodies: list[str], base: int, tokens: list[str]) -> list[tuple[int, dict, str]]:
    """Send one save per body at the same moment, all on the same base revision."""
    barrier = threading.Barrier(len(bodies))
    results: list = [None] * len(bodies)

    def save(i: int) -> None:
        barrier.wait()
        status, answer = patch_json(url, {"base_revision": base, "markdown": bodies[i]}, tokens[i])
        results[i] = (status, answer, bodies[i])

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def setup_page(app, author) -> tuple[str, int]:
    with app.app_context():
        page = pages.create_page(
            "guide",
            title="Racebaan",
            body="\n\n".join(PARAGRAPHS) + "\n",
            actor=db.session.get(User, author.id),
        )
        return page.slug, page.current_revision_id


@pytest.fixture
def editors(make_user, token_for) -> list[str]:
    """Twenty employees, each with an API token."""
    return [token_for(make_user("editor")) for _ in range(RACERS)]


def revisions_of(app, slug: str) -> int:
    with app.app_context():
        page = pages.get_page(slug)
        return db.session.scalar(select(func.count()).where(Revision.page_id == page.id))


def test_twenty_simultaneous_saves_of_different_paragraphs_are_all_kept(
    app, live_server, make_user, editors
):
    slug, base = setup_page(app, make_user())
    bodies = []
    for i in range(RACERS):
        changed = list(PARAGRAPHS)
        changed[i] = f"Alinea {i}: gewijzigd door bewerker {i}."
        bodies.append("\n\n".join(changed) + "\n")
    results = race(f"{live_server}/api/v1/pages/{slug}", bodies, base, editors)

    plain = [r for r in results if r[0] == 200 and not r[1]["merged"]]
    merged = [r for r in results if r[0] == 200 and r[1]["merged"]]
    conflicts = [r for r in results if r[0] == 409]
    assert len(plain) == 1, [r[0] for r in results]
    assert len(plain) + len(merged) + len(conflicts) == RACERS
    # Saves on one page queue in the database, so none of these needs redoing.
    assert (len(merged), len(conflicts)) == (RACERS - 1, 0), [c[1] for c in conflicts]
    final = pages_body(app, slug)
    for _status, _answer, body in plain + merged:
        line = next(p for p in body.split("\n\n") if "gewijzigd" in p)
        assert line in final, f"an accepted save was lost: {line}"
    assert revisions_of(app, slug) == 1 + len(plain) + len(merged)


def test_twenty_simultaneous_saves_of_the_same_paragraph_leave_one_winner(
    app, live_server, make_user, editors
):
    slug, base = setup_page(app, make_user())
    bodies = [
        f"Alinea 0: versie {i}.\n\n" + "\n\n".join(PARAGRAPHS[1:]) + "\n" for i in range(RACERS)
    ]
    results = race(f"{live_server}/api/v1/pages/{slug}", bodies, base, editors)

    statuses = sorted(r[0] for r in results)
    assert statuses == [200] + [409] * (RACERS - 1)
    [winner] = [r for r in results if r[0] == 200]
    assert winner[1]["merged"] is False
    assert pages_body(app, slug) == winner[2]
    for status, answer, body in results:
        if status == 409:
            assert answer["yours"]["markdown"] == body, "the losing text must come back"
            assert answer["current"]["markdown"] == winner[2]
    assert revisions_of(app, slug) == 2


def pages_body(app, slug: str) -> str:
    with app.app_context():
        return pages.get_page(slug).current_revision.body


def test_the_database_itself_refuses_a_second_child_of_one_revision(app, make_user):
    slug, base = setup_page(app, make_user())
    with app.app_context():
        page = pages.get_page(slug)
        for n in (1, 2):
            db.session.add(Revision(page_id=page.id, parent_id=base, title=f"Kind {n}", body=""))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
        else:
            raise AssertionError("two revisions with the same parent were both stored")
        children = select(func.count()).where(Revision.parent_id == base)
        assert db.session.scalar(children) == 0
