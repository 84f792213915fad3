"""The rules in wiki/permissions.py as one table: every role, action and page state.

Pure: users and pages are built in memory, never saved; only `visible()` runs its SQL,
on an in-memory SQLite table. The table says what a person gets:

- ok: allowed;
- sugg: an edit that is saved as a suggestion for a moderator (a protected page);
- 401: sign in first; 403: refused; 404: the page does not exist for this person.

404 comes first, as in the page loader (`services.pages.get_page`): a page you may not
see is not there, whatever you wanted to do with it. `test_permission_matrix` in
test_permissions.py walks the real routes; this table pins the rules down exactly,
fast enough for mutation testing (bench/mutation.py).
"""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask_login import AnonymousUserMixin
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from wiki import permissions
from wiki.errors import Forbidden, Unauthorized
from wiki.models import Page, Revision, User

ME, SOMEONE_ELSE = 1, 2
IN_THREE_DAYS = datetime.now(UTC) + timedelta(days=3)


def _user(role: str, blocked: bool = False) -> User:
    user = User(id=ME, username="ik", display_name="Ik", role=role)
    if blocked:
        user.blocked_until, user.block_reason = IN_THREE_DAYS, "Spam geplaatst"
    return user


def _page(owner: int = SOMEONE_ELSE, hidden=False, protected=False, review=None) -> Page:
    return Page(
        kind="dilemma",
        slug="een-dilemma",
        title="Een dilemma",
        is_hidden=hidden,
        is_protected=protected,
        review_state=review,
        created_by_id=owner,
    )


USERS = {
    "anonymous": AnonymousUserMixin(),
    "editor": _user("editor"),
    "blocked editor": _user("editor", blocked=True),
    "moderator": _user("moderator"),
    "blocked moderator": _user("moderator", blocked=True),
    "admin": _user("admin"),
    "blocked admin": _user("admin", blocked=True),
}
PAGES = {
    "no page": None,
    "normal": _page(),
    "unreviewed": _page(review="unreviewed"),
    "protected": _page(protected=True),
    "hidden": _page(hidden=True),
    "hidden own": _page(owner=ME, hidden=True),
    "held": _page(review="held"),
    "held own": _page(owner=ME, review="held"),
}

# fmt: off
TABLE = """
role               page        read create edit revert suggest report moderate admin
anonymous          no page     ok   401    401  401    401     401    401      401
anonymous          normal      ok   401    401  401    401     401    401      401
anonymous          unreviewed  ok   401    401  401    401     401    401      401
anonymous          protected   ok   401    401  401    401     401    401      401
anonymous          hidden      404  404    404  404    404     404    404      404
anonymous          hidden own  404  404    404  404    404     404    404      404
anonymous          held        404  404    404  404    404     404    404      404
anonymous          held own    404  404    404  404    404     404    404      404
editor             no page     ok   ok     ok   ok     403     ok     403      403
editor             normal      ok   ok     ok   ok     403     ok     403      403
editor             unreviewed  ok   ok     ok   ok     403     ok     403      403
editor             protected   ok   ok     sugg 403    ok      ok     403      403
editor             hidden      404  404    404  404    404     404    404      404
editor             hidden own  404  404    404  404    404     404    404      404
editor             held        404  404    404  404    404     404    404      404
editor             held own    ok   ok     ok   ok     403     ok     403      403
blocked editor     no page     ok   403    403  403    403     403    403      403
blocked editor     normal      ok   403    403  403    403     403    403      403
blocked editor     unreviewed  ok   403    403  403    403     403    403      403
blocked editor     protected   ok   403    403  403    403     403    403      403
blocked editor     hidden      404  404    404  404    404     404    404      404
blocked editor     hidden own  404  404    404  404    404     404    404      404
blocked editor     held        404  404    404  404    404     404    404      404
blocked editor     held own    ok   403    403  403    403     403    403      403
moderator          no page     ok   ok     ok   ok     403     ok     ok       403
moderator          normal      ok   ok     ok   ok     403     ok     ok       403
moderator          unreviewed  ok   ok     ok   ok     403     ok     ok       403
moderator          protected   ok   ok     ok   ok     ok      ok     ok       403
moderator          hidden      ok   ok     ok   ok     403     ok     ok       403
moderator          hidden own  ok   ok     ok   ok     403     ok     ok       403
moderator          held        ok   ok     ok   ok     403     ok     ok       403
moderator          held own    ok   ok     ok   ok     403     ok     ok       403
blocked moderator  no page     ok   403    403  403    403     403    403      403
blocked moderator  normal      ok   403    403  403    403     403    403      403
blocked moderator  unreviewed  ok   403    403  403    403     403    403      403
blocked moderator  protected   ok   403    403  403    403     403    403      403
blocked moderator  hidden      ok   403    403  403    403     403    403      403
blocked moderator  hidden own  ok   403    403  403    403     403    403      403
blocked moderator  held        ok   403    403  403    403     403    403      403
blocked moderator  held own    ok   403    403  403    403     403    403      403
admin              no page     ok   ok     ok   ok     403     ok     ok       ok
admin              normal      ok   ok     ok   ok     403     ok     ok       ok
admin              unreviewed  ok   ok     ok   ok     403     ok     ok       ok
admin              protected   ok   ok     ok   ok     ok      ok     ok       ok
admin              hidden      ok   ok     ok   ok     403     ok     ok       ok
admin              hidden own  ok   ok     ok   ok     403     ok     ok       ok
admin              held        ok   ok     ok   ok     403     ok     ok       ok
admin              held own    ok   ok     ok   ok     403     ok     ok       ok
blocked admin      no page     ok   403    403  403    403     403    403      403
blocked admin      normal      ok   403    403  403    403     403    403      403
blocked admin      unreviewed  ok   403    403  403    403     403    403      403
blocked admin      protected   ok   403    403  403    403     403    403      403
blocked admin      hidden      ok   403    403  403    403     403    403      403
blocked admin      hidden own  ok   403    403  403    403     403    403      403
blocked admin      held        ok   403    403  403    403     403    403      403
blocked admin      held own    ok   403    403  403    403     403    403      403
"""
# fmt: on


def _parse(table: str) -> dict[tuple[str, str], dict[str, str]]:
    lines = table.strip().splitlines()
    actions = lines[0].split()[2:]
    rows = {}
    for line in lines[1:]:
        # Names hold single spaces; columns are two or more spaces apart.
        role, page, *cells = [c for c in line.split("  ") if c.strip()]
        cells = " ".join(cells).split()
        rows[(role.strip(), page.strip())] = dict(zip(actions, cells, strict=True))
    return rows


EXPECTED = _parse(TABLE)


@pytest.fixture(scope="module")
def context():
    """An application context with the settings can() reads, and nothing else."""
    app = Flask(__name__)
    app.config["ANONYMOUS_READ"] = True
    with app.app_context():
        yield app


def outcome(user, action: str, page: Page | None) -> str:
    """What a person gets: the loader's 404, a suggestion, or check()'s answer."""
    if page is not None and not permissions.can_see(page, user):
        assert not permissions.can(user, action, page), "can() must refuse an unseen page"
        return "404"
    if action == "edit" and permissions.edits_as_suggestion(user, page):
        return "sugg"
    allowed = permissions.can(user, action, page)
    try:
        permissions.check(user, action, page)
    except Unauthorized:
        assert not allowed
        return "401"
    except Forbidden:
        assert not allowed
        return "403"
    assert allowed
    return "ok"


def table_row(user, page) -> dict[str, str]:
    return {action: outcome(user, action, page) for action in permissions.ACTIONS}


def test_the_table_covers_every_role_page_state_and_action():
    assert set(EXPECTED) == {(r, p) for r in USERS for p in PAGES}
    assert all(list(row) == list(permissions.ACTIONS) for row in EXPECTED.values())


@pytest.mark.parametrize(("role", "state"), list(EXPECTED), ids=[" | ".join(k) for k in EXPECTED])
def test_permission_table(context, role, state):
    assert table_row(USERS[role], PAGES[state]) == EXPECTED[(role, state)]


def test_no_user_at_all_is_treated_as_anonymous(context):
    """Services called without a user (None) get what a visitor gets."""
    for state, page in PAGES.items():
        assert table_row(None, page) == EXPECTED[("anonymous", state)], state


def test_without_anonymous_reading_visitors_must_sign_in_to_read(context, monkeypatch):
    monkeypatch.setitem(context.config, "ANONYMOUS_READ", False)
    for (role, state), expected in EXPECTED.items():
        read = outcome(USERS[role], "read", PAGES[state])
        wanted = "401" if role == "anonymous" and expected["read"] == "ok" else expected["read"]
        assert read == wanted, (role, state)


def test_visitors_may_read_when_the_setting_is_absent():
    """ANONYMOUS_READ defaults to on (as in config.py), also for an app that never set it."""
    with Flask(__name__).app_context():
        assert outcome(USERS["anonymous"], "read", PAGES["normal"]) == "ok"


def test_something_that_is_not_a_signed_in_account_is_a_visitor(context):
    """Only an object that says it is authenticated counts as signed in."""
    for stranger in (object(), AnonymousUserMixin()):
        assert table_row(stranger, PAGES["normal"]) == EXPECTED[("anonymous", "normal")]
        assert permissions.is_curator(stranger) is False


def test_an_unknown_action_is_a_programming_error(context):
    with pytest.raises(ValueError, match="unknown action 'delete'"):
        permissions.can(USERS["admin"], "delete")


def test_a_blocked_person_is_told_until_when_and_why(context):
    user = _user("editor", blocked=True)
    user.blocked_until = datetime(2099, 3, 5, 23, 30, tzinfo=UTC)  # 6 March in Dutch time
    with pytest.raises(Forbidden) as refused:
        permissions.check(user, "edit", PAGES["normal"])
    assert refused.value.message == "Je bent geblokkeerd tot 6 maart 2099. Reden: Spam geplaatst."
    assert refused.value.status == 403


def test_a_block_without_a_reason_says_so(context):
    user = _user("editor", blocked=True)
    user.block_reason = None
    with pytest.raises(Forbidden, match=r"Reden: geen\.$"):
        permissions.check(user, "create")


def test_refusals_carry_the_plain_messages(context):
    with pytest.raises(Unauthorized) as anonymous:
        permissions.check(USERS["anonymous"], "create")
    assert anonymous.value.message == "Log eerst in. Daarna kun je dit doen."
    with pytest.raises(Forbidden) as editor:
        permissions.check(USERS["editor"], "moderate")
    assert editor.value.message == "Je mag dit niet doen."


def test_an_expired_block_is_no_block(context):
    user = _user("editor")
    user.blocked_until = datetime.now(UTC) - timedelta(minutes=1)
    assert table_row(user, PAGES["normal"]) == EXPECTED[("editor", "normal")]


def test_hidden_revision_text_is_for_curators_only():
    hidden, shown = Revision(is_hidden=True), Revision(is_hidden=False)
    for role, user in [*USERS.items(), ("nobody", None)]:
        curator = role in ("moderator", "blocked moderator", "admin", "blocked admin")
        assert permissions.can_see_text(hidden, user) is curator, role
        assert permissions.can_see_text(shown, user) is True, role


@pytest.mark.parametrize("role", [*USERS, None])
def test_anonymous_work_in_a_persons_list_is_shown_to_that_person_and_curators(role):
    user = USERS[role] if role else None
    curator = role in ("moderator", "blocked moderator", "admin", "blocked admin")
    signed_in = role not in ("anonymous", None)
    me, someone_else = _user("editor"), User(id=SOMEONE_ELSE, role="editor")
    assert permissions.sees_anonymous_work_of(user, me) is (curator or signed_in)
    assert permissions.sees_anonymous_work_of(user, someone_else) is curator
    assert permissions.sees_anonymous_work_of(user, None) is curator


def test_curators_are_moderators_and_admins_blocked_or_not():
    curators = {role for role, user in USERS.items() if permissions.is_curator(user)}
    assert curators == {"moderator", "blocked moderator", "admin", "blocked admin"}
    assert permissions.is_curator(None) is False


@pytest.fixture(scope="module")
def stored_pages():
    """Every page state as a row of an in-memory pages table: what visible() filters."""
    engine = create_engine("sqlite://")
    Page.__table__.create(engine)
    with Session(engine) as session:
        ids = {}
        for n, (state, page) in enumerate((s, p) for s, p in PAGES.items() if p is not None):
            row = _page(
                owner=page.created_by_id,
                hidden=page.is_hidden,
                protected=page.is_protected,
                review=page.review_state,
            )
            row.slug = f"pagina-{n}"
            session.add(row)
            session.flush()
            ids[row.id] = state
        session.commit()
        yield session, ids
    engine.dispose()


@pytest.mark.parametrize("role", [*USERS, None])
def test_listings_show_exactly_the_pages_the_reader_may_see(stored_pages, role):
    """visible() (lists, search) and can_see() (one page) are one rule."""
    session, ids = stored_pages
    user = USERS[role] if role else None
    listed = {ids[i] for i in session.scalars(permissions.visible(select(Page.id), user))}
    seen = {s for s, p in PAGES.items() if p is not None and permissions.can_see(p, user)}
    assert listed == seen
    expected = {"anonymous": "anonymous", None: "anonymous"}.get(role, role)
    readable = {s for (r, s), row in EXPECTED.items() if r == expected and row["read"] != "404"}
    assert seen == readable - {"no page"}


def test_the_table_fails_without_the_protected_page_rule_for_revert(context, monkeypatch):
    """Negative control: an editor reverting a protected page must show up as a failure."""
    original = permissions.can

    def forgetful(user, action, page=None):
        if action == "revert" and page is not None and page.is_protected:
            page = _page(owner=page.created_by_id, review=page.review_state)
        return original(user, action, page)

    monkeypatch.setattr(permissions, "can", forgetful)
    assert outcome(USERS["editor"], "revert", PAGES["protected"]) == "ok"
    with pytest.raises(AssertionError):
        test_permission_table(context, "editor", "protected")
