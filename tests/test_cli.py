"""The `wiki` command line as an administrator meets it: quiet, Dutch, no needless work.

These start the real console script in a fresh folder (SQLite), as a person would.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wiki.cli import needs_setup

WIKI = str(Path(sys.executable).parent / "wiki")


@pytest.fixture
def fresh(tmp_path):
    """Run `wiki …` on a wiki that does not exist yet; return (run, instance folder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKI_", "FLASK_"))}
    env.update(
        WIKI_INSTANCE_PATH=str(tmp_path / "instance"),
        WIKI_SEARCH_INDEX_DIR=str(tmp_path / "index"),
        WIKI_SECRET_KEY="cli-test",
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [WIKI, *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
        )

    return run, tmp_path


def test_help_is_quiet_and_touches_neither_database_nor_index(fresh):
    run, tmp = fresh
    shown = run("--help")
    assert shown.returncode == 0, shown.stderr
    assert "De AV-wiki beheren en starten." in shown.stdout
    assert "INFO" not in shown.stdout + shown.stderr
    assert not (tmp / "instance" / "wiki.sqlite").exists()
    assert not (tmp / "index").exists()


def test_search_check_only_reads(fresh):
    run, tmp = fresh
    checked = run("search", "check")
    assert checked.returncode != 0
    assert "Voer 'wiki search rebuild' uit." in checked.stderr
    assert "INFO" not in checked.stdout + checked.stderr
    assert not (tmp / "instance" / "wiki.sqlite").exists(), "a read-only command migrated"
    assert not (tmp / "index").exists(), "a read-only command built an index"


def test_init_db_is_quiet_and_verbose_shows_the_migrations(fresh):
    run, tmp = fresh
    quiet = run("init-db")
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stdout + quiet.stderr
    assert "Database aangemaakt en gevuld met" in quiet.stdout
    verbose = run("--verbose", "db", "current")
    assert "INFO  [alembic.runtime.migration] Context impl SQLiteImpl." in verbose.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], False),
        (["--help"], False),
        (["user", "create", "--help"], False),
        (["search", "check"], False),
        (["--verbose", "search", "check"], False),
        (["search", "rebuild"], True),
        (["run"], True),
        (["user", "create", "Bea"], True),
    ],
)
def test_only_commands_that_change_things_set_the_wiki_up_first(args, expected):
    assert needs_setup(args) is expected


def test_the_password_prompt_speaks_dutch_and_asks_again_on_a_mismatch(app, runner):
    result = runner.invoke(
        args=["user", "create", "Piet Prompt", "--email", "piet@minbzk.nl"],
        input="een-lang-wachtwoord\niets-anders-ingetypt\neen-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Herhaal het wachtwoord") == 2
    assert "De twee wachtwoorden zijn niet gelijk." in result.output
    assert "Repeat" not in result.output and "confirmation" not in result.output
    assert "Gebruiker piet-prompt (medewerker) aangemaakt." in result.output
