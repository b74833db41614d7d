"""Fault injection with production settings: gunicorn on its own database, and Redis down, Redis
hung, the mail server down or hung, the database briefly refusing connections.

Every public page and the login answer 200 within 2 s while Redis is down or hung; mail failures
never break a request; a database that refuses answers 503 (German page, Retry-After) and the site
recovers by itself. See tests/faults.py for the harness.
"""

import json
import re
import time
from xml.etree import ElementTree

import pytest

from .faults import (
    CLOSED_REDIS_PORT,
    DB_PROXY_PORT,
    HUNG_REDIS_PORT,
    REAL_REDIS,
    REDIS_DB,
    ClosedPort,
    FaultSite,
    HungServer,
    Server,
    TcpProxy,
    reachable,
    request,
)

LIMIT_SECONDS = 2.0
MEMBER = ("fault.member", "Fault-Member-Passwort-42")
FIXED_PATHS = [
    "/",
    "/anmelden/",
    "/konto/passwort-vergessen/",
    "/suche/",
    "/suche/?q=Fachtagung",
    "/dokumente/?q=Bericht",
    "/fachtagungen/kalender/2016/11/",
    "/fachtagungen/archiv/2016/",
    "/fachtagungen/ical/",
    "/fachtagungen/rss/",
    "/robots.txt",
    "/sitemap.xml",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = FaultSite(tmp_path_factory.mktemp("faults"))
    site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group; from home.models import Member;"
        f"m = Member.objects.create_user({MEMBER[0]!r}, 'fault.member@kommune.example', {MEMBER[1]!r});"
        "m.groups.add(Group.objects.get(name='Mitglieder'))",
    )
    out = site.manage(
        "shell",
        "-c",
        "import json; from events.models import EventPage;"
        "e = EventPage.objects.live().filter(registration_enabled=True, path__startswith='000100010004').first()"
        " or EventPage.objects.live().filter(registration_enabled=True).first();"
        "print(json.dumps(e.url_path.split('/', 2)[2]))",
    )
    site.registration_path = "/" + json.loads(out.strip().splitlines()[-1]) + "anmeldung/"
    yield site
    site.close()


@pytest.fixture(scope="module")
def public_paths(site):
    """The sitemap (every public page) plus the pages it does not list."""
    with Server(site):
        sitemap = request("GET", "/sitemap.xml")
    assert sitemap.status == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ElementTree.fromstring(sitemap.body).findall(".//s:loc", ns)]  # noqa: S314
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in locations]
    assert len(paths) >= 10
    return sorted(set(paths) | set(FIXED_PATHS))


def _all_public_pages_answer_fast(paths):
    request("GET", "/")  # the worker's first request loads templates; not part of the measurement
    slow, failed = [], []
    for path in paths:
        answer = request("GET", path)
        if answer.status != 200:
            failed.append((path, answer.status))
        if answer.seconds > LIMIT_SECONDS:
            slow.append((path, round(answer.seconds, 2)))
        assert "Traceback" not in answer.body
    assert failed == []
    assert slow == []


def _member_logs_in():
    form = request("GET", "/anmelden/")
    assert form.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    cookie = f"csrftoken={form.cookies['csrftoken']}"
    body = f"username={MEMBER[0]}&password={MEMBER[1]}&csrfmiddlewaretoken={token}"
    started = time.monotonic()
    answer = request(
        "POST",
        "/anmelden/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": "http://127.0.0.1/",
        },
    )
    assert answer.status == 302, answer.body[:500]
    assert time.monotonic() - started < LIMIT_SECONDS
    session = answer.cookies["sessionid"]
    internal = request("GET", "/interner-bereich/", headers={"Cookie": f"sessionid={session}"})
    assert internal.status == 200
    assert "private" in internal.headers["cache-control"]


def test_with_redis_everything_is_ok(site, public_paths):
    if not reachable(*REAL_REDIS):
        pytest.skip("no Redis on 127.0.0.1:6379")
    with Server(site, REDIS_URL=f"redis://{REAL_REDIS[0]}:{REAL_REDIS[1]}/{REDIS_DB}"):
        health = request("GET", "/healthz")
        assert (health.status, json.loads(health.body)["status"]) == (200, "ok")
        _all_public_pages_answer_fast(public_paths)
        assert request("GET", "/projektziele/").headers.get("x-page-cache") in ("miss", "hit")
        assert request("GET", "/projektziele/").headers.get("x-page-cache") == "hit"


def test_redis_down_every_public_page_and_the_login_answer(site, public_paths):
    closed = ClosedPort(CLOSED_REDIS_PORT)
    try:
        with Server(site, REDIS_URL=f"redis://127.0.0.1:{CLOSED_REDIS_PORT}/{REDIS_DB}") as server:
            _all_public_pages_answer_fast(public_paths)
            _member_logs_in()
            health = request("GET", "/healthz")
            assert health.status == 200
            assert json.loads(health.body) == {"status": "degraded", "database": "ok", "cache": "error"}
            assert "Traceback" not in server.output()
    finally:
        closed.close()


def test_redis_hung_every_public_page_and_the_login_answer(site, public_paths):
    hung = HungServer(HUNG_REDIS_PORT)
    try:
        with Server(site, REDIS_URL=f"redis://127.0.0.1:{HUNG_REDIS_PORT}/{REDIS_DB}"):
            _all_public_pages_answer_fast(public_paths)
            _member_logs_in()
            health = request("GET", "/healthz")
            assert health.status == 200 and health.seconds < LIMIT_SECONDS
            assert json.loads(health.body)["status"] == "degraded"
        assert hung.connections, "the server never tried Redis"
    finally:
        hung.close()


def _register(site, email):
    form = request("GET", site.registration_path)
    assert form.status == 200, site.registration_path
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    body = (
        f"name=Erika+Mustermann&email={email}&people=1&consent=on&organisation=Kreis+Beispiel"
        f"&csrfmiddlewaretoken={token}"
    )
    return request(
        "POST",
        site.registration_path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={form.cookies['csrftoken']}",
            "Referer": "http://127.0.0.1/",
        },
    )


def _outbox(site, email):
    out = site.manage(
        "shell",
        "-c",
        "import json; from ops.models import OutgoingMail;"
        "print(json.dumps([{'to': m.to, 'status': m.status, 'attempts': m.attempts}"
        " for m in OutgoingMail.objects.all()]))",
    )
    mails = json.loads(out.strip().splitlines()[-1])
    return [{"status": m["status"], "attempts": m["attempts"]} for m in mails if m["to"] == [email]]


def test_smtp_down_registration_succeeds_and_the_mail_waits(site):
    closed = ClosedPort(int(site.env["EMAIL_PORT"]))
    try:
        with Server(site):
            answer = _register(site, "smtp.down@kommune.example")
            assert answer.status == 302, answer.body[:1000]
            assert "status=bestaetigt" in answer.headers["location"]
            assert answer.seconds < LIMIT_SECONDS
            assert request("GET", answer.headers["location"]).status == 200
            reset = request("GET", "/konto/passwort-vergessen/")
            assert reset.status == 200
    finally:
        closed.close()
    assert _outbox(site, "smtp.down@kommune.example") == [{"status": "failed", "attempts": 1}]


def test_smtp_hung_holds_a_registration_only_for_the_mail_timeout(site):
    hung = HungServer(int(site.env["EMAIL_PORT"]))
    try:
        with Server(site, EMAIL_TIMEOUT="1"):
            answer = _register(site, "smtp.hung@kommune.example")
            assert answer.status == 302
            assert answer.seconds < 1 + LIMIT_SECONDS
    finally:
        hung.close()
    assert _outbox(site, "smtp.hung@kommune.example") == [{"status": "failed", "attempts": 1}]


@pytest.mark.postgres
def test_database_briefly_refusing_gives_503_then_recovers(site, public_paths):
    proxy = TcpProxy(DB_PROXY_PORT, site.pg)
    try:
        with Server(site, DATABASE_URL=site.proxied_database_url) as server:
            for path in ("/", "/projektziele/", "/anmelden/"):
                assert request("GET", path).status == 200
            assert request("GET", "/projektziele/").headers.get("x-page-cache") == "hit"
            proxy.refuse()
            cached = request("GET", "/projektziele/")
            assert cached.status == 200  # the page cache answers without the database
            down = request("GET", "/fachtagungen/archiv/2015/")
            assert down.status == 503
            assert down.headers["retry-after"] == "30"
            assert "Vorübergehend nicht erreichbar" in down.body and "Traceback" not in down.body
            assert down.seconds < LIMIT_SECONDS
            health = request("GET", "/healthz")
            assert health.status == 503 and json.loads(health.body)["database"] == "error"
            proxy.accept()
            answers = [request("GET", path).status for path in public_paths]
            assert answers == [200] * len(public_paths)
            assert request("GET", "/healthz").status == 200
            # The outage is logged (with its cause) for the operator, not shown to readers.
            assert "OperationalError" in server.output()
    finally:
        proxy.close()
