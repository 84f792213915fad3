"""The installed package: a wheel built from this checkout carries everything a wiki needs.

The wheel is built from a copy of the checkout, installed (not editable) into a fresh
virtual environment with its dependencies from pip's cache, and `wiki init-db` runs there
from an empty working folder, as a new administrator would; on SQLite, and on PostgreSQL
when WIKI_TEST_DATABASE_URL is set.
"""

import html
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from wiki import create_app
from wiki.config import PROJECT_ROOT
from wiki.extensions import db
from wiki.models import Page
from wiki.services.seed import read_seed

SEEDS = read_seed(PROJECT_ROOT / "seed" / "pages")


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "-q", *args], check=True)


# Session-scoped: the suite runs every SQLite test before every PostgreSQL test, so a
# module fixture would be built again when this module's PostgreSQL test comes round.
@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a clean copy (a build in the checkout would leave build/)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(
        PROJECT_ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "*.egg-info", "__pycache__", "instance", "search_index"
        ),
    )
    _pip("wheel", "--no-deps", "--wheel-dir", str(tmp / "dist"), str(source))
    [built] = (tmp / "dist").glob("av_wiki-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    _pip("--python", str(venv / "bin" / "python"), "install", str(wheel))
    return venv


def open_wiki(url: str, folder: Path):
    """The wiki on url, opened by this checkout's code to look at what was stored."""
    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(folder), "AUTO_SETUP": False})


def run_wiki(venv: Path, folder: Path, *args: str, **settings) -> subprocess.CompletedProcess:
    """Run the installed `wiki` in folder with only the given WIKI_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKI_", "FLASK_", "PYTHON"))}
    env.update({f"WIKI_{name}": str(value) for name, value in settings.items()})
    return subprocess.run(
        [str(venv / "bin" / "wiki"), *args], cwd=folder, env=env, capture_output=True, text=True
    )


def test_the_wheel_holds_code_migrations_templates_static_and_every_seed_page(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = PROJECT_ROOT / "wiki"
    expected = {
        f"wiki/{path.relative_to(package)}"
        for pattern in ("**/*.py", "migrations/**/*", "templates/**/*", "static/**/*")
        for path in package.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }
    expected |= {f"wiki/seed_pages/{seed.path.relative_to(seed.path.parents[1])}" for seed in SEEDS}
    assert expected - names == set()
    assert not any(name.startswith(("seed/", "tests/")) for name in names)


def test_init_db_in_an_empty_folder_seeds_every_seed_page(installed, databases, tmp_path):
    if databases.pg_url:
        url = databases.empty()
        settings = {"DATABASE_URL": url}
    else:
        # A new administrator sets nothing: the instance folder is the environment's own.
        settings = {}
        url = f"sqlite:///{installed / 'var' / 'wiki-instance' / 'wiki.sqlite'}"
    result = run_wiki(installed, tmp_path, "init-db", **settings)

    assert result.returncode == 0, result.stderr
    assert f"Database aangemaakt en gevuld met {len(SEEDS)} pagina's." in result.stdout
    assert list(tmp_path.iterdir()) == [], "nothing is written in the working folder"
    if not databases.pg_url:
        assert make_url(url).database and Path(make_url(url).database).exists()
    app = open_wiki(url, tmp_path / "reader")
    with app.app_context():
        seeded = set(db.session.execute(select(Page.kind, Page.slug)))
        db.engine.dispose()
    assert seeded == {(seed.kind, seed.slug) for seed in SEEDS}
    assert len({slug for kind, slug in seeded if kind == "principle"}) == 7
    client = app.test_client()
    principles = html.unescape(client.get("/principes").get_data(as_text=True))
    assert all(s.title in principles for s in SEEDS if s.kind == "principle")
    methods = html.unescape(client.get("/werkvormen").get_data(as_text=True))
    assert all(s.title in methods for s in SEEDS if s.kind == "method")
    assert client.get("/gids/zoekwoordenlijst").status_code == 200
    databases.drop(url)


def test_init_db_without_seed_pages_stops_with_a_dutch_message(installed, tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    url = f"sqlite:///{tmp_path / 'wiki.sqlite'}"
    result = run_wiki(installed, tmp_path, "init-db", DATABASE_URL=url, SEED_DIR=empty)

    assert result.returncode != 0
    assert f"Geen startpagina's gevonden in {empty}." in result.stderr
    assert "Traceback" not in result.stderr
    app = open_wiki(url, tmp_path / "reader")
    with app.app_context():
        assert db.session.scalar(select(Page.id).limit(1)) is None
        db.engine.dispose()
