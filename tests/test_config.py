"""Configuration: WIKI_* environment variables, and a secret key that is never hard-coded."""

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
