"""A real wiki server process for the browser tests, on a fresh temporary wiki.

The wiki is prepared through its own command line (users, a token, the search index),
then served by `python -m flask --app wiki run` on a port the OS picks. We wait for
the server to say where it listens and for /healthz, never for a fixed time.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import servers

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "een-lang-wachtwoord"
# role: (name, e-mail address). Moderators and admins sign in with an authenticator app.
USERS = {
    "editor": ("Eva Redacteur", "redacteur@minbzk.nl"),
    "moderator": ("Mo Moderator", "moderator@minbzk.nl"),
    "admin": ("Ada Beheerder", "beheerder@minbzk.nl"),
}
# A moderator who has not set up an app yet: signing in leads to the setup page.
NEW_MODERATOR = ("Nina Nieuw", "nieuw@minbzk.nl")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass
class Server:
    """A running wiki: its address, its log, and what the setup made in it."""

    url: str
    log: list[str]
    api_token: str
    experience: str = ""
    revisions: tuple[int, int] = (0, 0)
    # role: pyotp.TOTP of that person's authenticator app
    apps: dict = field(default_factory=dict)

    def status(self, path: str) -> int:
        """Return the HTTP status of GET path, without following redirects."""
        try:
            with _opener.open(self.url + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def api(self, method: str, path: str, data: dict) -> dict:
        """Call the JSON API with the editor's token and return its answer."""
        request = urllib.request.Request(
            f"{self.url}/api/v1{path}",
            data=json.dumps(data).encode(),
            method=method,
            headers={
                "Authorization": f"Bearer {self.api_token}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def environment(tmp: Path) -> dict[str, str]:
    """Return the environment of a wiki on its own database, instance and index in tmp."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKI_", "FLASK_"))}
    env.update(
        WIKI_DATABASE_URL=f"sqlite:///{tmp / 'wiki.sqlite'}",
        WIKI_INSTANCE_PATH=str(tmp / "instance"),
        WIKI_SEARCH_INDEX_DIR=str(tmp / "search_index"),
        WIKI_SECRET_KEY="browser-test-secret",
        WIKI_AUTO_SETUP="true",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare(env: dict[str, str]) -> tuple[str, dict]:
    """Seed the wiki, add its people, build the search index; return a token and the apps.

    Runs the `wiki` commands in this process (Click's test runner) to save three
    interpreter starts; they are the same commands an administrator types. The moderator
    and the admin get an authenticator app through the service the setup page calls.
    """
    from wiki import create_app

    app = create_app({k.removeprefix("WIKI_"): v for k, v in env.items() if k.startswith("WIKI_")})
    runner = app.test_cli_runner()

    def run(*args: str, stdin: str | None = None) -> str:
        result = runner.invoke(args=list(args), input=stdin)
        if result.exit_code != 0:
            raise RuntimeError(f"wiki {' '.join(args)} failed: {result.output}")
        return result.output

    people = [(role, name, email) for role, (name, email) in USERS.items()]
    for role, name, email in [*people, ("moderator", *NEW_MODERATOR)]:
        run("user", "create", name, "--email", email, "--role", role, "--password-stdin",
            stdin=PASSWORD + "\n")  # fmt: skip
    token = run("token", "create", USERS["editor"][1]).strip().splitlines()[-1]
    run("search", "rebuild")
    with app.app_context():
        apps = {role: _add_app(email) for role, _name, email in people if role != "editor"}
        from wiki.extensions import db

        db.engine.dispose()
    return token, apps


def _add_app(email: str):
    """Set up an authenticator app for the person with email; return it (a pyotp.TOTP)."""
    import pyotp

    from wiki.services import accounts, second_factor

    user = accounts.find_user(email)
    app = pyotp.TOTP(second_factor.setup_secret(user, "browser-tests"))
    second_factor.enable(user, "browser-tests", app.now())
    return app


def start(env: dict[str, str]) -> tuple[subprocess.Popen, str, list[str]]:
    """Start the server on a free port; return it once it says where it listens."""
    process, listening, log = servers.launch(
        [
            *(sys.executable, "-m", "flask", "--app", "wiki", "run"),
            *("--host", "127.0.0.1", "--port", "0", "--no-reload", "--no-debugger"),
        ],
        env=env,
        cwd=ROOT,
        ready=r"Running on (http://127\.0\.0\.1:\d+)",
    )
    return process, listening.group(1), log


stop = servers.stop


def add_experience(server: Server) -> None:
    """Create an experience through the API and change it once, so it has a diff."""
    created = server.api(
        "POST",
        "/pages",
        {
            "kind": "experience",
            "title": "Een gesprek over tegenspraak in ons team",
            "markdown": "We spraken een uur over tegenspraak. Iedereen kwam aan het woord.\n",
            "fields": {
                "experience_type": "session_report",
                "principles": ["werken-vanuit-professionaliteit"],
                "methods": ["model-van-de-ambtenaar"],
                "session_date": "2025-03-12",
                "participants": 14,
                "insights": "Tegenspraak werkt als de leidinggevende er zelf om vraagt.",
            },
            "tags": ["tegenspraak", "team"],
            "summary": "Verslag van onze sessie",
        },
    )
    changed = server.api(
        "PATCH",
        f"/pages/{created['slug']}",
        {
            "base_revision": created["revision_id"],
            "markdown": created["markdown"] + "\nVolgende keer nodigen we de directeur uit.\n",
            "summary": "Vervolgafspraak toegevoegd",
        },
    )
    server.experience = created["slug"]
    server.revisions = (created["revision_id"], changed["revision_id"])
