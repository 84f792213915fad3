"""Fixtures in flaskr's shape: app, client, runner; each test gets its own database.

Every database test runs on SQLite, where it gets a copy of a seeded SQLite file. When
WIKI_TEST_DATABASE_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/test) it runs
on PostgreSQL too, where it gets a fresh database cloned from a seeded template
database; all of them are dropped afterwards.
"""

import logging
import os
import shutil
import threading
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.datastructures import MultiDict
from werkzeug.security import generate_password_hash

from wiki import create_app
from wiki.extensions import db
from wiki.models import SecondFactor, User

PG_URL = os.environ.get("WIKI_TEST_DATABASE_URL")


def _dispose(app) -> None:
    with app.app_context():
        db.engine.dispose()


class Databases:
    """Makes fresh databases for tests: seeded clones of a template, or empty ones."""

    def __init__(self, tmp: Path, pg_url: str | None):
        self.tmp = tmp
        self.pg_url = pg_url
        self.created: list[str] = []
        self.template: str | None = None
        if pg_url:
            self.admin = create_engine(
                pg_url.replace("postgresql://", "postgresql+psycopg://", 1),
                isolation_level="AUTOCOMMIT",
            )
            self.prefix = f"wiki_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"

    def _pg_url(self, name: str) -> str:
        return make_url(self.pg_url).set(database=name).render_as_string(hide_password=False)

    def empty(self) -> str:
        """Return the URL of a new, empty database."""
        if not self.pg_url:
            return f"sqlite:///{self.tmp / (uuid.uuid4().hex + '.sqlite')}"
        name = f"{self.prefix}_{len(self.created)}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self._pg_url(name)

    def seeded(self) -> str:
        """Return the URL of a new database holding the migrated schema and the seed."""
        if self.template is None:
            self.template = self.empty()
            app = make_app(self.template, auto_setup=True)
            _dispose(app)
        if not self.pg_url:
            copy = self.tmp / (uuid.uuid4().hex + ".sqlite")
            shutil.copy(make_url(self.template).database, copy)
            return f"sqlite:///{copy}"
        name = f"{self.prefix}_{len(self.created)}"
        template_name = make_url(self.template).database
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
        self.created.append(name)
        return self._pg_url(name)

    def drop(self, url: str) -> None:
        if self.pg_url:
            name = make_url(url).database
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        if self.pg_url:
            for name in reversed(self.created):
                with self.admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            self.admin.dispose()


def make_app(database_url: str, *, auto_setup: bool = False, **config):
    """Create an app on database_url with test settings; CSRF stays on."""
    instance = Path(os.environ["WIKI_TEST_INSTANCE"])
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance / "instance"),
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "AUTO_SETUP": auto_setup,
            # One index per app, so tests never share (or race on) an index.
            "SEARCH_INDEX_DIR": str(instance / "search_index" / uuid.uuid4().hex),
            **config,
        }
    )


BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session", autouse=True)
def test_instance(tmp_path_factory):
    """Give make_app a folder even in tests that use no `databases` fixture."""
    os.environ.setdefault("WIKI_TEST_INSTANCE", str(tmp_path_factory.mktemp("instance")))


@pytest.fixture(scope="session", params=BACKENDS)
def databases(request, tmp_path_factory):
    """The database maker of one backend; tests using it run once per backend."""
    tmp = tmp_path_factory.mktemp(request.param)
    os.environ["WIKI_TEST_INSTANCE"] = str(tmp)
    dbs = Databases(tmp, PG_URL if request.param == "postgresql" else None)
    yield dbs
    dbs.close()


@pytest.fixture
def app(databases):
    """An app on a fresh copy of the seeded wiki."""
    url = databases.seeded()
    app = make_app(url)
    yield app
    _dispose(app)
    databases.drop(url)


@pytest.fixture
def empty_app(databases):
    """An app on an empty database: no schema, no pages."""
    url = databases.empty()
    app = make_app(url)
    yield app
    _dispose(app)
    databases.drop(url)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the first POST form in <main>."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.in_main = self.in_form = self.done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.in_main = self.in_main or tag == "main"
        is_post = (a.get("method") or "").lower() == "post"
        if tag == "form" and is_post and self.in_main and not self.done:
            self.in_form = True
        if not self.in_form or not a.get("name"):
            return
        kind = a.get("type", "text")
        if tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                self.data.append((a["name"], a.get("value", "on")))
        elif tag == "input" and kind != "submit":
            self.data.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.data.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True

    def handle_data(self, data):
        if self.textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)


def form_data(response) -> MultiDict:
    """Return the fields of the page's POST form as a browser would send them."""
    reader = _FormReader()
    reader.feed(response.get_data(as_text=True))
    # A browser drops one leading newline of a textarea (WTForms writes "\r\n").
    data = [
        (n, v.removeprefix("\r\n") if v.startswith("\r\n") else v.removeprefix("\n"))
        for n, v in reader.data
    ]
    return MultiDict(data)


# Hashing is slow on purpose (scrypt): hash the test password once.
PASSWORD = "een-lang-wachtwoord"
PASSWORD_HASH = generate_password_hash(PASSWORD)


@pytest.fixture
def make_user(app):
    """Create a user with a role; returns a detached User (id, username, email …).

    Moderators and admins get an authenticator app, as they must (second_factor=False
    leaves it out); user.totp then makes its codes (a pyotp.TOTP), else it is None.
    """
    counter = iter(range(1, 1000))

    def make(role="editor", name=None, email=None, second_factor=None, **overrides):
        n = next(counter)
        if second_factor is None:
            second_factor = role in ("moderator", "admin")
        with app.app_context():
            user = User(
                username=f"{role}-{n}",
                display_name=name or f"{role.capitalize()} {n}",
                email=email or f"{role}{n}@minbzk.nl",
                password_hash=PASSWORD_HASH,
                role=role,
                **overrides,
            )
            db.session.add(user)
            db.session.commit()
            db.session.expunge(user)
        return with_second_factor(app, user) if second_factor else _no_second_factor(user)

    return make


def _no_second_factor(user):
    user.totp = None
    return user


def with_second_factor(app, user):
    """Give user an authenticator app; user.totp (a pyotp.TOTP) then makes its codes."""
    secret = pyotp.random_base32()
    with app.app_context():
        db.session.add(SecondFactor(user_id=user.id, secret=secret))
        db.session.commit()
    user.totp = pyotp.TOTP(secret)
    return user


def sign_in(client, user) -> None:
    """Sign client in as user, past the second step if they have one (the forms
    themselves are tested in test_web_auth and test_second_factor)."""
    from wiki.services.second_factor import fingerprint
    from wiki.views.second_factor import PROOF

    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        if getattr(user, "totp", None):
            session[PROOF] = fingerprint(user.id, user.totp.secret)


@pytest.fixture
def login_as(client, make_user):
    """Sign the test client in with a new user of role; returns the user."""

    def login(role="editor", **overrides):
        user = make_user(role, **overrides)
        sign_in(client, user)
        return user

    return login


@pytest.fixture
def token_for(app):
    """Return a new personal API token for user."""

    def token(user) -> str:
        from wiki.services import accounts

        with app.app_context():
            return accounts.create_token(db.session.get(User, user.id), "test")[1]

    return token


@pytest.fixture
def api_as(app, make_user, token_for):
    """A test client that sends a bearer token of a new user of role."""

    def client_for(role="editor", **overrides):
        user = make_user(role, **overrides)
        api = app.test_client()
        api.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
        api.user = user
        return api

    return client_for


@pytest.fixture
def make_page(app, make_user):
    """Create a page through the service as an editor; returns its slug."""
    author = make_user("editor", name="Paginamaker")

    def make(kind="dilemma", title="Een testdilemma", body="Tekst.\n", fields=None, tags=()):
        from wiki.services import pages

        defaults = {"dilemma": {"principles": ["werken-vanuit-vertrouwen"]}}
        with app.app_context():
            page = pages.create_page(
                kind,
                title=title,
                body=body,
                fields=defaults.get(kind, {}) if fields is None else fields,
                tags=list(tags),
                actor=db.session.get(User, author.id),
            )
            return page.slug

    return make


@pytest.fixture
def live_server(app):
    """Serve app over real HTTP on a free port, with a thread per request."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_api(databases):
    """A seeded, indexed wiki served over HTTP on a free port, and an employee's token.

    Shared by a module's tests that call the API as a program would (fuzzing, README).
    """
    from wiki.extensions import db
    from wiki.models import User
    from wiki.search import sync
    from wiki.services import accounts

    url = databases.seeded()
    app = make_app(url)
    with app.app_context():
        sync.rebuild()
        user = User(username="fuzzer", display_name="Fuzzer", email="fuzz@minbzk.nl", role="editor")
        db.session.add(user)
        db.session.commit()
        token = accounts.create_token(user, "schemathesis")[1]
    from werkzeug.serving import make_server

    # Thousands of requests: the run's own report says what matters.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", token
    server.shutdown()
    thread.join(timeout=10)
    _dispose(app)
    databases.drop(url)


@pytest.fixture(scope="module")
def search_app(databases):
    """One seeded, indexed app shared by a module's read-only search tests."""
    from wiki.search import sync

    url = databases.seeded()
    app = make_app(url)
    with app.app_context():
        sync.rebuild()
    yield app
    _dispose(app)
    databases.drop(url)


@pytest.fixture
def search_index(app):
    """Build the app's search index from its database (an app starts without one)."""
    from wiki.search import sync

    with app.app_context():
        sync.rebuild()
    return app


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="module")
def redis_prefix():
    """A Redis key prefix of this module's own; its keys are deleted afterwards (never FLUSH)."""
    import redis

    prefix = f"avwiki-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    client.close()
