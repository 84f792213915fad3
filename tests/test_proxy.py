"""Behind a reverse proxy: a real nginx (with TLS) in front of real gunicorn processes.

One nginx serves two sites. The first forwards to a wiki with WIKI_PROXY_HOPS=1, which
trusts nginx's forwarded headers: sign-in limits count the real client address and the
links the wiki writes carry the address people use. The second forwards to a wiki with
WIKI_PROXY_HOPS=0 (the default), the negative control: every client is the proxy, and
forged headers change nothing. Clients on one machine differ by their loopback source
address (127.0.0.2, 127.0.0.3 …), so each test uses addresses no other test uses.
"""

import json
import re
import uuid
from dataclasses import dataclass

import pytest
from conftest import PASSWORD, form_data
from servers import (
    FORWARDED_HEADERS,
    AppServer,
    Client,
    Nginx,
    SmtpServer,
    start_app_server,
    start_nginx,
)
from test_web_auth import fill, register, sign_in

from wiki.config import PROJECT_ROOT

HOST = "avwiki.test"


@dataclass
class Proxied:
    nginx: Nginx
    trusting: AppServer  # WIKI_PROXY_HOPS=1
    untrusting: AppServer  # WIKI_PROXY_HOPS=0
    smtp: SmtpServer
    email: str

    def client(self, site: int, source: str) -> Client:
        """A person at source who types https://avwiki.test:<port> of site 0 or 1."""
        port = self.nginx.ports[site]
        return Client(port, source=source, host=HOST, certificate=self.nginx.certificate)


def request_reset(client, address: str):
    form = form_data(client.get("/wachtwoord-vergeten"))
    fill(form, {"email": address})
    return client.post("/wachtwoord-vergeten", data=form)


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxy")
    smtp = SmtpServer()
    smtp.start()
    shared = {
        "DATABASE_URL": f"sqlite:///{folder / 'wiki.sqlite'}",
        "SECRET_KEY": "proxy-test-secret",
        "SESSION_COOKIE_SECURE": "true",
        "SIGNIN_LIMIT_ADDRESS": "3/15 minutes",
        "MAILER": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp.port,
    }
    servers: list[AppServer] = []
    nginx = None
    try:
        # One after the other: the first migrates and seeds the shared SQLite file.
        for hops in (1, 0):
            (folder / f"hops{hops}").mkdir()
            servers.append(start_app_server(folder / f"hops{hops}", PROXY_HOPS=hops, **shared))
            servers[-1].wait_until_healthy()
        nginx = start_nginx(folder, [server.url for server in servers])
        proxied = Proxied(nginx, *servers, smtp, f"{uuid.uuid4().hex[:8]}@minbzk.nl")
        person = proxied.client(0, "127.0.0.1")
        assert register(person, "Pim Proxy", proxied.email, PASSWORD).status_code == 302
        yield proxied
    finally:
        if nginx:
            nginx.stop()
        for server in servers:
            server.stop()
        smtp.stop()


def test_wrong_passwords_lock_the_address_they_come_from_and_no_other(proxied):
    attacker = proxied.client(0, "127.0.0.2")
    for n in range(3):
        assert sign_in(attacker, f"onbekend{n}@minbzk.nl", "verkeerd wachtwoord").status_code == 422
    locked = sign_in(attacker, proxied.email, PASSWORD)
    assert locked.status_code == 429
    assert "Te veel mislukte pogingen" in locked.body
    colleague = proxied.client(0, "127.0.0.3")
    assert sign_in(colleague, proxied.email, PASSWORD).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lock(proxied):
    attacker = proxied.client(0, "127.0.0.4")
    for n in range(3):
        sign_in(attacker, f"onbekend{n}@minbzk.nl", "verkeerd wachtwoord")
    # nginx appends the real address; the wiki trusts only that last value.
    attacker.headers["X-Forwarded-For"] = "10.20.30.40"
    assert sign_in(attacker, proxied.email, PASSWORD).status_code == 429


def test_without_proxy_hops_every_client_is_the_proxy_and_forged_headers_change_nothing(
    proxied,
):
    attacker = proxied.client(1, "127.0.0.5")
    for n in range(3):
        # Each attempt claims another address; with WIKI_PROXY_HOPS=0 none is believed.
        attacker.headers["X-Forwarded-For"] = f"10.0.0.{n}"
        assert sign_in(attacker, f"onbekend{n}@minbzk.nl", "fout").status_code == 422
    colleague = proxied.client(1, "127.0.0.6")
    assert sign_in(colleague, proxied.email, PASSWORD).status_code == 429, "the proxy is locked"


@pytest.mark.parametrize("site", [0, 1], ids=["hops-1", "hops-0-control"])
def test_reset_links_feed_and_api_use_the_address_people_use(proxied, site):
    person = proxied.client(site, f"127.0.1.{site + 1}")
    # Without trust the wiki only knows the address nginx forwarded to.
    base = person.origin if site == 0 else proxied.untrusting.url

    assert request_reset(person, proxied.email).status_code == 200
    mail = proxied.smtp.messages[-1]
    assert mail["To"] == proxied.email
    link = re.search(r"\S+/wachtwoord-herstellen/\S+", mail.get_content()).group(0)
    assert link.startswith(f"{base}/wachtwoord-herstellen/")

    feed = person.get("/recente-wijzigingen/atom").body
    assert f'<link rel="self" href="{base}/recente-wijzigingen/atom"/>' in feed
    entry_links = re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"', feed)
    assert entry_links and all(link.startswith(base + "/") for link in entry_links)

    page = json.loads(person.get("/api/v1/pages/werken-vanuit-vertrouwen").body)
    assert page["url"] == f"{base}/principes/werken-vanuit-vertrouwen"


def test_a_reset_link_from_the_mail_sets_a_new_password_through_the_proxy(proxied):
    person = proxied.client(0, "127.0.1.3")
    address = f"{uuid.uuid4().hex[:8]}@minbzk.nl"
    assert register(person, "Rosa Reset", address, PASSWORD).status_code == 302
    person.cookies.clear()
    request_reset(person, address)
    [mail] = [m for m in proxied.smtp.messages if m["To"] == address]
    link = re.search(r"https://\S+/wachtwoord-herstellen/\S+", mail.get_content()).group(0)
    path = link.removeprefix(person.origin)
    assert path != link, "the link leads to the address the person used"
    form = form_data(person.get(path))
    form["new"] = "een nieuw lang wachtwoord"
    saved = person.post(path, data=form)
    assert saved.status_code == 302, saved.body
    person.cookies.clear()
    assert sign_in(person, address, "een nieuw lang wachtwoord").status_code == 302


def test_the_readme_shows_the_forwarded_headers_this_test_gives_nginx():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for line in FORWARDED_HEADERS.splitlines():
        assert line in readme
