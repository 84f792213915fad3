"""A page with a thousand revisions: its history stays one small page of work."""

import re

from sqlalchemy import event, update

from wiki.extensions import db
from wiki.models import Page, Revision
from wiki.services import accounts, pages

REVISIONS = 1000


def long_history(app) -> str:
    """Create a page and append revisions directly (the save path is tested elsewhere)."""
    with app.app_context():
        author = accounts.register(
            name="Drukke Bewerker", email="druk@minbzk.nl", password="x" * 12
        )
        page = pages.create_page("guide", title="Drukke pagina", body="Versie 0\n", actor=author)
        parent = page.current_revision_id
        for n in range(1, REVISIONS):
            revision = Revision(
                page_id=page.id,
                parent_id=parent,
                title=page.title,
                body=f"Versie {n}\n" + "tekst " * n,
                summary=f"Wijziging {n}",
                size=n,
            )
            db.session.add(revision)
            db.session.flush()
            parent = revision.id
        db.session.execute(
            update(Page).where(Page.id == page.id).values(current_revision_id=parent)
        )
        db.session.commit()
        return page.slug


def test_first_history_page_of_a_long_history_loads_no_old_bodies(app, client):
    slug = long_history(app)
    statements: list[str] = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = client.get(f"/gids/{slug}/geschiedenis")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"{REVISIONS} versies" in page
    assert "Pagina 1 van 20" in page
    assert len(re.findall(r'name="naar" value="\d+"', page)) == 50
    assert "Wijziging 999" in page and "Wijziging 949" not in page
    history_queries = [s for s in statements if "LIMIT" in s.upper() and "revisions" in s]
    assert history_queries, statements
    for sql in history_queries:
        assert not re.search(r"revisions(_\d+)?\.body", sql), sql
    # Only the current revision's body may be read (to show the page's own title).
    body_reads = [s for s in statements if re.search(r"revisions(_\d+)?\.body", s)]
    assert len(body_reads) <= 1
    assert len(statements) <= 8, statements


def test_the_last_history_page_and_a_diff_deep_in_history(app, client):
    slug = long_history(app)
    last = client.get(f"/gids/{slug}/geschiedenis?pagina=20")
    assert "Pagina 20 van 20" in last.get_data(as_text=True)
    assert "Wijziging 1<" in last.get_data(as_text=True)
    revisions = client.get(f"/api/v1/pages/{slug}/revisions?page=20").json["revisions"]
    oldest, second = revisions[-1], revisions[-2]
    diff = client.get(f"/gids/{slug}/verschil?van={oldest['id']}&naar={second['id']}")
    assert diff.status_code == 200
    html = diff.get_data(as_text=True)
    assert '<del><span class="visually-hidden">[verwijderd: </span>0' in html
    assert '<ins><span class="visually-hidden">[toegevoegd: </span>1' in html
