"""One wiki on two hosts: two gunicorn processes, each with its own instance and index
folders, share one PostgreSQL database, one Redis (under a key prefix of their own) and
WIKI_SECRET_KEY, as the README's "Meerdere servers" describes.

Both start together on an empty database, so one migrates and seeds while the other
waits. This needs PostgreSQL (WIKI_TEST_DATABASE_URL) and Redis: it skips locally
without them and fails under CI=true, where .ci/run provides both.
"""

import socket
import uuid
from dataclasses import dataclass

import pytest
from conftest import PASSWORD, PG_URL, REDIS_URL, Databases
from servers import AppServer, Client, require, start_app_server
from test_web_auth import register, sign_in

from wiki import create_app

SECRET = "two-hosts-test-secret"


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
        return True
    except OSError:
        return False


@dataclass
class Hosts:
    a: AppServer
    b: AppServer
    database_url: str

    def register(self, host: AppServer) -> tuple[Client, str]:
        """Register a new person on host; return their signed-in client and e-mail."""
        person = Client(host.port)
        address = f"{uuid.uuid4().hex[:8]}@minbzk.nl"
        assert register(person, "Hella Host", address, PASSWORD).status_code == 302
        return person, address

    def other_app(self, tmp_path, **settings):
        """This checkout's wiki on the same database, in this process (for controls)."""
        return create_app(
            {
                "DATABASE_URL": self.database_url,
                "INSTANCE_PATH": str(tmp_path / "other"),
                "SEARCH_INDEX_DIR": str(tmp_path / "other-index"),
                "AUTO_SETUP": False,
                **settings,
            }
        )


@pytest.fixture(scope="module")
def hosts(tmp_path_factory, redis_prefix):
    require(bool(PG_URL), "WIKI_TEST_DATABASE_URL is not set; two hosts need PostgreSQL")
    require(redis_answers(), "Redis does not answer on 127.0.0.1:6379")
    folder = tmp_path_factory.mktemp("hosts")
    databases = Databases(folder, PG_URL)
    url = databases.empty()
    shared = {
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": redis_prefix,
        "SIGNIN_LIMIT_ACCOUNT": "3/15 minutes",
    }
    started: list[AppServer] = []
    try:
        for name in ("a", "b"):
            (folder / name).mkdir()
            started.append(start_app_server(folder / name, **shared))
        for server in started:
            server.wait_until_healthy()
        yield Hosts(*started, url)
    finally:
        for server in started:
            server.stop()
        databases.close()


def test_a_session_from_one_host_is_valid_on_the_other(hosts, tmp_path):
    person, _address = hosts.register(hosts.a)
    elsewhere = Client(hosts.b.port, cookies=dict(person.cookies))
    account = elsewhere.get("/account")
    assert account.status_code == 200
    assert "Hella Host" in account.body
    assert Client(hosts.b.port).get("/account").status_code == 302, "without the cookie: sign in"
    # Negative control: a host with another WIKI_SECRET_KEY does not accept the session.
    stranger = hosts.other_app(tmp_path, SECRET_KEY="another-secret").test_client()
    stranger.set_cookie("session", person.cookies["session"])
    assert stranger.get("/account").status_code == 302


def test_failed_sign_ins_on_one_host_count_on_the_other(hosts, tmp_path):
    _person, address = hosts.register(hosts.a)
    for _ in range(3):
        assert sign_in(Client(hosts.a.port), address, "verkeerd wachtwoord").status_code == 422
    refused = sign_in(Client(hosts.b.port), address, PASSWORD)
    assert refused.status_code == 429
    assert "Te veel mislukte pogingen" in refused.body
    # Negative control: a host that counts in its own memory lets the person in.
    alone = hosts.other_app(tmp_path, SIGNIN_LIMIT_ACCOUNT="3/15 minutes").test_client()
    assert sign_in(alone, address, PASSWORD).status_code == 302
