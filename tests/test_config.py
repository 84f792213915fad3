"""Configuration: WIKI_* environment variables, and a secret key that is never hard-coded."""

import uuid

import pytest
from conftest import PASSWORD, REDIS_URL, make_app
from test_web_auth import sign_in

from wiki import create_app


def test_secret_key_is_generated_once_and_kept_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("WIKI_SECRET_KEY", raising=False)
    settings = {
        "INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/w.sqlite",
        "AUTO_SETUP": False,
    }
    first = create_app(settings).config["SECRET_KEY"]
    second = create_app(settings).config["SECRET_KEY"]
    assert len(first) >= 64 and first == second
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    other = tmp_path / "other"
    assert create_app({**settings, "INSTANCE_PATH": str(other)}).config["SECRET_KEY"] != first


def test_environment_variables_with_the_wiki_prefix_configure_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv("WIKI_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite")
    monkeypatch.setenv("WIKI_SEARCH_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("WIKI_AUTO_SETUP", "false")
    monkeypatch.setenv("WIKI_SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.sqlite"
    assert app.config["SEARCH_INDEX_DIR"] == str(tmp_path / "index")
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["AUTO_SETUP"] is False


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("WIKI_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "AUTO_SETUP": False})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/wiki.sqlite"


def test_postgresql_urls_use_the_psycopg_driver(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test",
            "AUTO_SETUP": False,
        }
    )
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def _failures_then_sign_in(first, second, email: str) -> int:
    """Fail to sign in on first until its account limit is reached; sign in on second."""
    for _ in range(3):
        assert sign_in(first, email, "fout fout fout").status_code == 422
    return sign_in(second, email, PASSWORD).status_code


@pytest.fixture
def hosts_on(app, make_user):
    """Two apps on one database, as two hosts; returns them and a user's e-mail address."""
    # Redis outlives one test: a new address keeps every run's counts apart.
    user = make_user(email=f"{uuid.uuid4().hex[:10]}@minbzk.nl")

    def make(**settings):
        url, limit = app.config["DATABASE_URL"], "3/15 minutes"
        clients = [make_app(url, SIGNIN_LIMIT_ACCOUNT=limit, **settings).test_client()]
        clients.append(make_app(url, SIGNIN_LIMIT_ACCOUNT=limit, **settings).test_client())
        return clients, user.email

    return make


def test_the_redis_url_shares_sign_in_limits_between_hosts(hosts_on, redis_prefix):
    (first, second), email = hosts_on(REDIS_URL=REDIS_URL, REDIS_KEY_PREFIX=redis_prefix)
    assert _failures_then_sign_in(first, second, email) == 429


def test_without_a_redis_url_each_process_counts_on_its_own(hosts_on):
    (first, second), email = hosts_on()
    assert _failures_then_sign_in(first, second, email) == 302


def test_the_rate_limit_storage_url_overrides_the_redis_url(hosts_on):
    # Nothing listens on port 1: were the Redis URL used, signing in would fail.
    (first, second), email = hosts_on(
        REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_STORAGE_URL="memory://"
    )
    assert _failures_then_sign_in(first, second, email) == 302
