"""Real servers for tests that need more than one process: gunicorn, nginx and SMTP.

The wiki runs in gunicorn, as in production, on a port the OS picks. nginx gets its own
prefix, configuration, pid, log and temporary files in a test folder, runs in the
foreground as the current user and never touches the system's nginx. A `Client` speaks
HTTP(S) like a browser (cookies, the Referer of the page a form came from) from a chosen
loopback address, so one machine can stand for several people. Tests wait for
conditions (a log line, an open port, an answer), never for a fixed time.
"""

import email
import email.policy
import http.client
import os
import pwd
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiosmtpd.controller import Controller
from werkzeug.datastructures import MultiDict

NGINX = "/usr/sbin/nginx"
# What nginx tells the wiki about the request it forwards; README.md shows the same lines.
FORWARDED_HEADERS = """\
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header X-Forwarded-Host $host;
proxy_set_header X-Forwarded-Port $server_port;"""


def require(condition: bool, reason: str) -> None:
    """Skip without condition locally; fail under CI, where everything must be there."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test may not skip)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch(
    command: list[str], *, env: dict[str, str], cwd: Path, ready: str
) -> tuple[subprocess.Popen, re.Match, list[str]]:
    """Start command; return it, the first output line matching ready, and its log."""
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    log: list[str] = []
    found: list[re.Match] = []
    seen = threading.Event()

    def drain() -> None:
        # Read every line, always: a full pipe would stall the server.
        for line in process.stdout:
            log.append(line.rstrip())
            if not found and (match := re.search(ready, line)):
                found.append(match)
                seen.set()
        seen.set()  # the process ended

    threading.Thread(target=drain, daemon=True).start()
    if not seen.wait(timeout=90) or not found:
        process.kill()
        raise RuntimeError(f"{command[:3]} did not start:\n" + "\n".join(log))
    return process, found[0], log


def stop(process: subprocess.Popen) -> None:
    """Stop a server process, gently first."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_for(condition, what: str, process: subprocess.Popen, log, timeout: float = 60):
    """Poll condition until it holds; fail at once if the process ended."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen:\n{log()}")
        time.sleep(0.05)


@dataclass
class AppServer:
    """A wiki in its own gunicorn process."""

    process: subprocess.Popen
    port: int
    log: list[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_healthy(self) -> None:
        """Return once /healthz answers 200 (the worker has migrated and seeded)."""
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=120) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        raise RuntimeError("The wiki did not become healthy:\n" + "\n".join(self.log))

    def stop(self) -> None:
        stop(self.process)


def start_app_server(folder: Path, **settings) -> AppServer:
    """Start gunicorn (one worker, a free port) on a wiki of its own folders; return once
    it listens. settings become WIKI_* variables; the instance and index live in folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKI_", "FLASK_"))}
    env.update(
        WIKI_INSTANCE_PATH=str(folder / "instance"),
        WIKI_SEARCH_INDEX_DIR=str(folder / "search_index"),
        PYTHONUNBUFFERED="1",
    )
    env.update({f"WIKI_{name}": str(value) for name, value in settings.items()})
    process, listening, log = launch(
        [
            *(sys.executable, "-m", "gunicorn", "--workers", "1"),
            *("--bind", "127.0.0.1:0", "--no-control-socket"),
            # gunicorn itself would believe X-Forwarded-Proto from a proxy on this
            # machine; leave forwarded headers to the wiki (WIKI_PROXY_HOPS) alone.
            "--forwarded-allow-ips=",
            "wiki:create_app()",
        ],
        env=env,
        cwd=folder,
        ready=r"Listening at: http://127\.0\.0\.1:(\d+)",
    )
    return AppServer(process, int(listening.group(1)), log)


@dataclass
class Nginx:
    """A private nginx serving TLS on `ports`, each proxying to one upstream."""

    process: subprocess.Popen
    ports: list[int]
    folder: Path

    @property
    def certificate(self) -> str:
        return str(self.folder / "cert.pem")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


_NGINX_CONF = """\
daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    ssl_certificate {folder}/cert.pem;
    ssl_certificate_key {folder}/key.pem;
{sites}
}}
"""
_SITE = """\
    server {{
        listen 127.0.0.1:{port} ssl;
        location / {{
            proxy_pass {upstream};
{headers}
        }}
    }}
"""


def _self_signed_certificate(folder: Path) -> None:
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-nodes", "-days", "1"),
            *("-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=avwiki.test"),
            *("-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")),
        ],
        check=True,
        capture_output=True,
    )


def start_nginx(folder: Path, upstreams: list[str]) -> Nginx:
    """Start nginx with TLS in front of each upstream URL; return once every port answers."""
    require(Path(NGINX).exists(), f"{NGINX} is missing (apt-get install nginx)")
    _self_signed_certificate(folder)
    headers = "\n".join(" " * 12 + line for line in FORWARDED_HEADERS.splitlines())
    # As root, nginx would hand its workers to 'nobody'; keep them with the current user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    error_log = folder / "error.log"
    for _attempt in range(3):  # a free port can be taken before nginx binds it
        ports = [free_port() for _ in upstreams]
        sites = "".join(
            _SITE.format(port=port, upstream=upstream, headers=headers)
            for port, upstream in zip(ports, upstreams, strict=True)
        )
        conf = folder / "nginx.conf"
        conf.write_text(_NGINX_CONF.format(user=user, folder=folder, sites=sites))
        process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-e", str(error_log), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answering(ports=ports) -> bool:
            try:
                for port in ports:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return False

        try:
            _wait_for(answering, "nginx listening", process, error_log.read_text)
            return Nginx(process, ports, folder)
        except RuntimeError:
            process.kill()
            process.wait(timeout=10)
            if "Address already in use" not in error_log.read_text():
                raise
    raise RuntimeError("nginx found no free port:\n" + error_log.read_text())


@dataclass
class Response:
    status_code: int
    headers: http.client.HTTPMessage
    body: str

    def get_data(self, as_text: bool = True) -> str:
        """Return the body, as Flask's test client does, so the same helpers read both."""
        return self.body


@dataclass
class Client:
    """A browser stand-in with the test client's get/post: keeps cookies, sends the
    Referer of the page a form came from, and speaks from one loopback address.

    With `certificate` it speaks HTTPS and trusts that certificate; `host` is the name
    it puts in the Host header, as a browser would for the address typed; `headers` go
    with every request.
    """

    port: int
    source: str = "127.0.0.1"
    host: str = "127.0.0.1"
    certificate: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    last_url: str | None = None

    @property
    def origin(self) -> str:
        return f"{'https' if self.certificate else 'http'}://{self.host}:{self.port}"

    def _connection(self) -> http.client.HTTPConnection:
        if not self.certificate:
            return http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
            )
        context = ssl.create_default_context(cafile=self.certificate)
        context.check_hostname = False  # we connect to 127.0.0.1; the chain is checked
        return http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0), context=context
        )

    def _request(self, method: str, path: str, data=None) -> Response:
        sent = {"Host": f"{self.host}:{self.port}", **self.headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            pairs = data.items(multi=True) if isinstance(data, MultiDict) else data.items()
            body = urlencode(list(pairs))
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            if self.last_url:
                sent["Referer"] = self.last_url  # browsers send it on same-origin forms
        connection = self._connection()
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read().decode("utf-8"))
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0" and "1970" not in morsel["expires"]:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        if method == "GET":
            self.last_url = self.origin + path
        return response

    def get(self, path: str) -> Response:
        return self._request("GET", path)

    def post(self, path: str, data) -> Response:
        return self._request("POST", path, data=data)


class _Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


class SmtpServer(Controller):
    """aiosmtpd on a port the OS picks; `messages` holds what it received."""

    def __init__(self):
        self.inbox = _Inbox()
        super().__init__(self.inbox, hostname="127.0.0.1", port=0)

    def _trigger_server(self):
        # Port 0 asked the OS for a port; read which before aiosmtpd connects to it.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return self.inbox.messages
