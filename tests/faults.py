"""Fault injection for the production stack: a gunicorn server with production settings on its own
database, and the faults it must survive — Redis down (a closed port), Redis hung (a socket that
accepts and never answers), a mail server that is down, a database that briefly refuses
connections (a TCP proxy in front of PostgreSQL that we switch off and on).

Ports come from this project's range: the server listens on FAULT_PORT_BASE, the fakes on the
next ports (``BLOK_FAULT_PORT_BASE`` moves the range). With parallel tests (pytest-xdist) each
worker takes its own ten ports above the base (worker gw1 base + 10, …), so that workers never
bind the same port.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import select
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", … under pytest-xdist
WORKER_NUMBER = int(WORKER.removeprefix("gw") or 0)
PORT_BASE = int(os.environ.get("BLOK_FAULT_PORT_BASE", "8110")) + 10 * WORKER_NUMBER
SERVER_PORT = PORT_BASE
HUNG_REDIS_PORT = PORT_BASE + 4
CLOSED_REDIS_PORT = PORT_BASE + 5
DB_PROXY_PORT = PORT_BASE + 6
CLOSED_SMTP_PORT = PORT_BASE + 7
# tests/test_cache_faults.py: a closed and a hung Redis in process.
CACHE_CLOSED_PORT = PORT_BASE + 8
CACHE_HUNG_PORT = PORT_BASE + 9
REAL_REDIS = ("127.0.0.1", 6379)
REDIS_DB = int(os.environ.get("BLOK_FAULT_REDIS_DB", "10"))


def reachable(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class ClosedPort:
    """A port that refuses connections: bound (so nobody else takes it) but not listening."""

    def __init__(self, port):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.port = port

    def close(self):
        self.sock.close()


class HungServer:
    """Accepts every connection and never sends a byte (a hung Redis or mail server)."""

    def __init__(self, port):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", port))
        self.server.listen(64)
        self.server.settimeout(0.2)
        self.port = port
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections.append(conn)  # read nothing, answer nothing

    def close(self):
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.server.close()


class TcpProxy:
    """Forwards a local port to a target; ``refuse()`` drops every connection and stops listening
    (connections are refused), ``accept()`` listens again."""

    def __init__(self, port, target):
        self.port = port
        self.target = target
        self.pairs = []
        self.server = None
        self._lock = threading.Lock()
        self.accept()

    def accept(self):
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        server.settimeout(0.2)
        self.server = server
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(server, self._stop), daemon=True)
        self._thread.start()

    def _serve(self, server, stop):
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(a, b):
        sockets = [a, b]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return
        finally:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def refuse(self):
        self._stop.set()
        self._thread.join()
        self.server.close()
        with self._lock:
            for client, upstream in self.pairs:
                for sock in (client, upstream):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                        sock.close()
            self.pairs.clear()

    def close(self):
        if not self._stop.is_set():
            self.refuse()


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float
    cookies: dict = field(default_factory=dict)


def request(method, path, *, port=SERVER_PORT, body=None, headers=None, timeout=15):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    all_headers = {"Host": "127.0.0.1", **(headers or {})}
    started = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            content,
            time.monotonic() - started,
            cookies,
        )
    finally:
        conn.close()


class FaultSite:
    """A database with the demo content, static files and media for production servers."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.admin_db = None
        source = os.environ.get("DATABASE_URL", "")
        if source.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(source)
            self.db_name = f"{parts.path.lstrip('/') or 'blok'}_faults{'_' + WORKER if WORKER else ''}"
            self.pg = (parts.hostname or "127.0.0.1", parts.port or 5432)
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            self._pg_admin(f'CREATE DATABASE "{self.db_name}"')
            user = parts.username or "postgres"
            self.database_url = f"postgres://{user}@{self.pg[0]}:{self.pg[1]}/{self.db_name}"
            self.proxied_database_url = f"postgres://{user}@127.0.0.1:{DB_PROXY_PORT}/{self.db_name}"
            self._pg_source = source
        else:
            self.pg = None
            self.database_url = f"sqlite:///{tmp / 'faults.sqlite3'}"
            self.proxied_database_url = None
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "blok_cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": self.database_url,
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "PAGE_CACHE_DIR": str(tmp / "page-cache"),
            # Its own keys in the shared Redis database: parallel workers and runs do not meet.
            "CACHE_KEY_PREFIX": f"blok-faults-{secrets.token_hex(4)}",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{SERVER_PORT}",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(CLOSED_SMTP_PORT),
            "EMAIL_TIMEOUT": "2",
            "LOG_LEVEL": "WARNING",
            "ACCESS_LOG": "",
            "WEB_CONCURRENCY": "1",
            # The scheduler's own jobs (mail retries, clean-ups) would change what the tests count.
            "SCHEDULER_ENABLED": "0",
        }
        for command in (["migrate", "--noinput", "-v0"], ["load_initial_data"], ["collectstatic", "--noinput", "-v0"]):
            self.manage(*command)

    def _pg_admin(self, sql):
        import psycopg

        host, port = self.pg
        with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def manage(self, *args, env=None):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            env={**self.env, **(env or {})},
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def close(self):
        if self.pg:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


class Server:
    """gunicorn with production settings (gunicorn.conf.py), one worker, on SERVER_PORT."""

    def __init__(self, site: FaultSite, **env):
        self.log = open(site.tmp / f"gunicorn-{time.monotonic_ns()}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "blok_cms.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{SERVER_PORT}",
            ],
            env={**site.env, **{k: str(v) for k, v in env.items()}},
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.output()[-5000:]}")
            if reachable("127.0.0.1", SERVER_PORT, timeout=0.2):
                return
            time.sleep(0.1)
        output = self.output()[-5000:]
        self.stop()
        raise RuntimeError(f"gunicorn did not start: {output}")

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
