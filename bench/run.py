#!/usr/bin/env python3
"""The BLOK CMS benchmark (``make bench``). A benchmark, not a test: it measures and reports.

1. builds a large site in its own PostgreSQL database (``manage.py build_bench_site``:
   10,000 events, 5,000 documents, 1,000 standard pages, the 104 Optionskommunen),
2. counts SQL queries per page (Django test client + CaptureQueriesContext),
3. serves the site with gunicorn (2 workers, production settings, loopback) and measures
   requests/s and p50/p99 latency with wrk, with and without the page cache, and as a logged-in
   member (a session cookie of a member created in the bench database),
4. runs the load check (60 s × 64 connections on the start page and on search),
5. writes ``docs/benchmarks.md`` (with the numbers of the previous run, ``BEFORE``, next to the new ones).

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/blok_bench; the
database name must contain "bench" — it is dropped and rebuilt), BENCH_DURATION (seconds per
measurement, default 15), BENCH_LOAD_DURATION (default 60), BENCH_PORT (default 8529),
BENCH_REUSE=1 (keep an existing bench database), BENCH_REDIS_URL (use Redis for the caches).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/blok_bench")
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
LOAD_DURATION = int(os.environ.get("BENCH_LOAD_DURATION", "60"))
PORT = int(os.environ.get("BENCH_PORT", "8529"))
HOST = f"127.0.0.1:{PORT}"
MONTH = os.environ.get("BENCH_MONTH", "2020/03")  # a month with events in the generated data
SEARCH = "/suche/?q=Fachtagung"
WORK = Path(tempfile.gettempdir()) / f"blok-bench-{PORT}"
LOADAVG = Path("/proc/loadavg").read_text()

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "blok_cms.settings.production",
    "DATABASE_URL": DB_URL,
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; TLS ends at the proxy in production
    "STATIC_ROOT": str(WORK / "static"),
    "MEDIA_ROOT": str(WORK / "media"),
    "ACCESS_LOG": "",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
}


def log(message):
    print(f"[bench] {message}", flush=True)  # noqa: T201


def run(*args, env=None, **kwargs):
    return subprocess.run(args, env=env or ENV, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def output(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603
    except OSError:
        return "–"


# --- 1. the large site ------------------------------------------------------------------------


def build_site():
    parts = urlsplit(DB_URL)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit("BENCH_DATABASE_URL: the database name must contain 'bench' (it is dropped and rebuilt).")
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit("BENCH_DATABASE_URL: only letters, digits and _ in the database name.")
    query = f"SELECT 1 FROM pg_database WHERE datname = '{name}'"  # noqa: S608 - name checked above
    exists = output("psql", admin_url, "-tAc", query) == "1"
    if exists and os.environ.get("BENCH_REUSE"):
        log(f"reusing database {name}")
        run(PY, "manage.py", "migrate", "--noinput", "-v0")  # the schema of the code being measured
    else:
        log(f"building database {name} (takes about a minute)")
        run("psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"')
        run("psql", admin_url, "-qc", f'CREATE DATABASE "{name}"')
        run(PY, "manage.py", "migrate", "--noinput", "-v0")
        run(PY, "manage.py", "build_bench_site", stdout=subprocess.DEVNULL)
        # Fresh statistics after the bulk load (autovacuum would get there later).
        run("psql", DB_URL, "-qc", "VACUUM ANALYZE")
    WORK.mkdir(parents=True, exist_ok=True)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v0")


# --- 2. SQL queries per page ------------------------------------------------------------------

QUERY_COUNT_SCRIPT = r"""
import json, sys, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.conf import settings
from django.contrib.auth import get_user_model
settings.PAGE_CACHE_ENABLED = False
from wagtail.models import Page
from documents_app.models import BlokDocument
from events.models import EventPage
from participants.models import Kommune
result = {"counts": {"pages": Page.objects.count(), "events": EventPage.objects.count(),
          "documents": BlokDocument.objects.count(), "participants": Kommune.objects.count()}, "pages": {}}
event = EventPage.objects.live().order_by("path").first()
urls = json.loads(sys.argv[1]) + ([["Veranstaltung", event.url]] if event else [])
guest = Client()
member = Client()
member.force_login(get_user_model().objects.get(username=sys.argv[2]))


def count(client, url):
    client.get(url)  # warm up (Wagtail's site root cache, settings, the data cache)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


for label, url in urls:
    settings.DATA_CACHE_ENABLED = False  # every query a render can need
    response, cold = count(guest, url)
    settings.DATA_CACHE_ENABLED = True  # as in production: site, routes, restrictions, fragments
    _response, warm = count(guest, url)
    member_response, member_warm = count(member, url)
    result["pages"][label] = {"url": url, "status": response.status_code, "queries": cold,
                              "guest": warm, "member": member_warm, "member_status": member_response.status_code,
                              "bytes": len(response.content)}
print(json.dumps(result))
"""

MEMBER_SCRIPT = r"""
import sys, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from importlib import import_module
from django.test import Client
from django.utils.module_loading import import_string
user, _ = get_user_model().objects.get_or_create(username=sys.argv[1], defaults={"email": "bench@example.invalid"})
user.groups.add(Group.objects.get(name="Mitglieder"))
session = import_module(settings.SESSION_ENGINE).SessionStore()  # the engine production uses
session[SESSION_KEY] = str(user.pk)
# The backend that loads users for sessions (the throttling backend only checks logins).
session[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
)
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
cookie = settings.SESSION_COOKIE_NAME + "=" + session.session_key
# The cookie must really log in: the start page then offers "Abmelden".
response = Client(HTTP_COOKIE=cookie).get("/")
if response.status_code != 200 or "Abmelden" not in response.content.decode():
    sys.exit(f"the bench member's session does not log in (HTTP {response.status_code})")
print(cookie)
"""
MEMBER = "bench-mitglied"


def member_cookie():
    """A member of the group "Mitglieder" in the bench database and a session for them (the
    cookie a logged-in browser sends)."""
    result = subprocess.run(  # noqa: S603
        [PY, "-c", MEMBER_SCRIPT, MEMBER], env=ENV, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def static_url():
    manifest = json.loads((WORK / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/main.css"]


def page_urls():
    return [
        ["Startseite", "/"],
        ["Veranstaltungsliste", "/fachtagungen/"],
        ["Monatsansicht", f"/fachtagungen/kalender/{MONTH}/"],
        ["Archiv", f"/fachtagungen/archiv/{MONTH[:4]}/"],
        ["Dokumentbibliothek", "/dokumente/"],
        ["Suche", SEARCH],
        ["Inhaltsseite", "/projektziele/"],
        ["Teilnehmer", "/projektteilnehmer/"],
        ["Sitemap", "/sitemap.xml"],
    ]


def count_queries():
    result = subprocess.run(  # noqa: S603
        [PY, "-c", QUERY_COUNT_SCRIPT, json.dumps(page_urls()), MEMBER],
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- 3. gunicorn + wrk ------------------------------------------------------------------------


class Server:
    def __init__(self, page_cache: bool, data_cache: bool = True):
        self.env = {
            **ENV,
            "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
            "DATA_CACHE_ENABLED": "1" if data_cache else "0",
            "PAGE_CACHE_DIR": str(WORK / f"page-cache-{int(time.time())}"),
            "BIND": HOST,
            "WEB_CONCURRENCY": "2",
            "GUNICORN_MAX_REQUESTS": "0",  # no worker recycling in the middle of a measurement
        }

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(PY).parent / "gunicorn"),
                "blok_cms.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--no-control-socket",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://{HOST}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        sys.exit("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


LUA_RANDOM_SEARCH = """
local words = {"Fachtagung", "Workshop", "Kennzahlen", "Integration", "Jobcenter", "Vergleichsring",
               "Digitalisierung", "Personal", "Berlin", "Optionskommunen"}
request = function()
  local q = words[math.random(#words)] .. "+" .. math.random(1, 10000)
  return wrk.format("GET", "/suche/?q=" .. q)
end
"""


def _ms(value, unit):
    factor = {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return float(value) * factor


def cpu_sample():
    """(steal, total) jiffies of all CPUs from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def wrk(path, duration, connections=16, script=None, timeout=2, cookie=None):
    before = cpu_sample()
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s", "--latency"]
    args += ["-H", "Accept-Encoding: gzip, br"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    if script:
        args += ["-s", script]
    out = output(*args, f"http://{HOST}{path}")
    after = cpu_sample()
    result = {"rps": 0.0, "p50": None, "p99": None, "non2xx": 0, "errors": 0, "requests": 0}
    # Steal: CPU time the hypervisor gave to other guests while we wanted it (a noisy neighbour).
    result["steal"] = 100 * (after[0] - before[0]) / max(1, after[1] - before[1])
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        result["rps"] = float(m.group(1))
    for pct, key in (("50", "p50"), ("99", "p99")):
        if m := re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
            result[key] = _ms(*m.groups())
    if m := re.search(r"(\d+) requests in", out):
        result["requests"] = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        result["non2xx"] = int(m.group(1))
    result["timeouts"] = 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        result["errors"] = sum(int(x) for x in m.groups())
        result["timeouts"] = int(m.group(4))
    result["raw"] = out
    return result


STATIC_LABEL = "Statische Datei"


def measure(urls, page_cache, cookie=None):
    """One round on one server. The static file, the reference, is measured at the start and at
    the end of the round, and its mean is used: the machine's speed drifts within minutes."""
    results = {}
    name = "member" if cookie else ("cache" if page_cache else "no cache")
    static = dict(urls).get(STATIC_LABEL)
    with Server(page_cache):
        first = None
        if static:
            wrk(static, 2, cookie=cookie)
            first = wrk(static, DURATION, cookie=cookie)
            log(f"{name} {STATIC_LABEL} (Anfang): {first['rps']:.0f} req/s, steal {first['steal']:.0f} %")
        for label, url in urls:
            wrk(url, 2, cookie=cookie)  # warm up: caches, connections, Python imports
            results[label] = wrk(url, DURATION, cookie=cookie)
            log(f"{name} {label}: {results[label]['rps']:.0f} req/s, steal {results[label]['steal']:.0f} %")
        if first is not None:
            last = results[STATIC_LABEL]
            results[STATIC_LABEL] = {**last, "rps": (first["rps"] + last["rps"]) / 2, "both": (first, last)}
    return results


def measure_without_any_cache():
    """The start page with neither the page cache nor the data cache: the worst case."""
    with Server(page_cache=False, data_cache=False):
        wrk("/", 2)
        result = wrk("/", DURATION)
    log(f"no cache at all Startseite: {result['rps']:.0f} req/s, steal {result['steal']:.0f} %")
    return result


def load_check():
    script = WORK / "random_search.lua"
    script.write_text(LUA_RANDOM_SEARCH)
    with Server(page_cache=True):
        start = wrk("/", LOAD_DURATION, connections=64)
        search = wrk(SEARCH, LOAD_DURATION, connections=64)
        # Worst case: every request a different search (misses the page cache). wrk's default
        # 2 s timeout would count slow answers as errors; 10 s separates slow from failed.
        random_search = wrk(SEARCH, LOAD_DURATION, connections=64, script=str(script), timeout=10)
    return {"Startseite": start, "Suche": search, "Suche, jede Anfrage ein anderer Begriff": random_search}


# --- 4. report --------------------------------------------------------------------------------


def machine():
    cpu = "–"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    versions = subprocess.run(  # noqa: S603
        [
            PY,
            "-c",
            "import django, wagtail, gunicorn; print(django.get_version(), wagtail.__version__, gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "CPU": cpu,
        "Kerne (nproc)": str(os.cpu_count()),
        "Arbeitsspeicher": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "Betriebssystem": platform.platform(),
        "Python": platform.python_version(),
        "Django / Wagtail / gunicorn": " / ".join(versions),
        "PostgreSQL": output("psql", "--version"),
        "wrk": output("wrk", "--version").splitlines()[0] if shutil.which("wrk") else "–",
        "Cache": "Redis" if ENV["REDIS_URL"] else "Seiten-Cache in Dateien (ohne Redis)",
        "Systemlast zu Beginn (loadavg 1/5/15 min)": " / ".join(LOADAVG.split()[:3]),
    }


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


# The previous run (docs/benchmarks.md of 2026-11-26, before members' renders shared fragments):
# req/s without and with the page cache, the load check, SQL queries without the data cache.
BEFORE_DATE = "2026-11-26"
BEFORE = {
    "uncached": {
        "Startseite": 159,
        "Veranstaltungsliste": 58,
        "Monatsansicht": 37,
        "Archiv": 53,
        "Dokumentbibliothek": 45,
        "Suche": 39,
        "Statische Datei": 2691,
    },
    "cached": {
        "Startseite": 2579,
        "Veranstaltungsliste": 2445,
        "Monatsansicht": 2776,
        "Archiv": 2601,
        "Dokumentbibliothek": 2856,
        "Suche": 2785,
        "Statische Datei": 3371,
    },
    "load": {"Startseite": 2375, "Suche": 2587, "Suche, jede Anfrage ein anderer Begriff": 69},
    "queries": {
        "Startseite": 8,
        "Veranstaltungsliste": 12,
        "Monatsansicht": 11,
        "Archiv": 13,
        "Dokumentbibliothek": 14,
        "Suche": 14,
        "Inhaltsseite": 9,
        "Teilnehmer": 11,
        "Sitemap": 4,
        "Veranstaltung": 14,
    },
}
MAX_QUERIES = 12
UNCACHED_SHARE, CACHED_SHARE, MAX_P99, RANDOM_SEARCH_RPS = 0.1, 0.9, 150, 150


def _before(kind, label):
    value = BEFORE[kind].get(label)
    return "–" if value is None else str(value)


def _share(result, static_rps):
    return f"{result['rps'] / static_rps:.2f}" if static_rps else "–"


def _static_rps(results):
    return results[STATIC_LABEL]["rps"] if STATIC_LABEL in results else 0.0


def _static_note(title, results):
    first, last = results[STATIC_LABEL].get("both", (results[STATIC_LABEL],) * 2)
    return f"{title}: {fmt(first['rps'], 0)} zu Beginn, {fmt(last['rps'], 0)} am Ende"


def report(queries, uncached, cached, members, bare, load, static_label):
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    static_rps = _static_rps(uncached)
    lines = [
        "# Benchmark",
        "",
        f"Gemessen am {now} mit `make bench` (`bench/run.py`). Ein Benchmark, kein Test: die Zahlen "
        "hängen von der Maschine ab und davon, was sonst auf ihr läuft. „vorher“: die Messung vom "
        f"{BEFORE_DATE} (vor den geteilten Fragmenten für Mitglieder, `ops/fragmentcache.py`).",
        "",
        "## Maschine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine().items()),
        f"| Systemlast am Ende (loadavg 1/5/15 min) | {' / '.join(Path('/proc/loadavg').read_text().split()[:3])} |",
        "",
        "## Daten",
        "",
        f"{queries['counts']['pages']} Seiten, davon {queries['counts']['events']} Veranstaltungen; "
        f"{queries['counts']['documents']} Dokumente; {queries['counts']['participants']} Optionskommunen. "
        "Aufbau mit `manage.py build_bench_site` in einer eigenen PostgreSQL-Datenbank.",
        "",
        "## Aufbau der Messung",
        "",
        f"gunicorn mit 2 Workern (`--no-control-socket`), Produktionseinstellungen, auf {HOST}; wrk mit "
        f"2 Threads und 16 Verbindungen, {DURATION} s je Messung nach 2 s Aufwärmen, "
        "`Accept-Encoding: gzip, br` wie ein Browser. wrk und gunicorn teilen sich dieselben Kerne. "
        "„ohne Seiten-Cache“: `PAGE_CACHE_ENABLED=0`, jede Anfrage rendert die Seite; der Daten-Cache "
        "(`ops/datacache.py`: Website, Seitenadressen, Beschränkungen, Menü, Termine) und die nach "
        "Sichtbarkeit geteilten Fragmente (`ops/fragmentcache.py`) bleiben wie in Produktion an. "
        "„mit Seiten-Cache“: der Seiten-Cache für anonyme Leser (`ops/pagecache.py`). „Mitglieder“: "
        "jede Anfrage mit dem Sitzungs-Cookie eines angemeldeten Mitglieds (Gruppe „Mitglieder“; "
        "Sitzung in der Datenbank wie in Produktion) — am Seiten-Cache vorbei, jede Seite gerendert. "
        "„× statisch“: Durchsatz geteilt durch den der statischen Datei in derselben Runde (derselbe "
        "Server, gemessen zu Beginn und am Ende der Runde, Mittelwert; die Geschwindigkeit der Maschine "
        "schwankt binnen Minuten). „Steal“: Anteil der Rechenzeit, den der Hypervisor während der Messung "
        "anderen Gästen gab (aus `/proc/stat`); bei mehr als ein paar Prozent ist die Maschine "
        "geteilt und die Zahlen sind zu niedrig. Die Maschine teilen sich während der Messung "
        "andere Prozesse (siehe Systemlast).",
        "",
        "## SQL-Abfragen je Seite",
        "",
        "„ohne Daten-Cache“: jede Abfrage, die ein Rendern brauchen kann (`DATA_CACHE_ENABLED=0`); "
        "„Gast“ und „Mitglied“: die zweite Anfrage wie in Produktion (Daten-Cache und Fragmente an, "
        "ohne Seiten-Cache). Ein Mitglied braucht eine Abfrage mehr: Sitzung und Benutzer zusammen "
        "(`home/sessions.py`); Gruppen und Rechte für Sichtbarkeit und Admin-Leiste kommen aus dem "
        "gemeinsamen Cache (`ops/authcache.py`).",
        "",
        "| Seite | URL | Status | ohne Daten-Cache | vorher | Gast | Mitglied | Bytes (HTML, unkomprimiert) |",
        "|---|---|---|---|---|---|---|---|",
        *(
            f"| {label} | `{p['url']}` | {p['status']} | {p['queries']} | {_before('queries', label)} | "
            f"{p['guest']} | {p['member']} | {p['bytes']} |"
            for label, p in queries["pages"].items()
        ),
        "",
        "## Gäste: Durchsatz und Latenz",
        "",
        "| Seite | ohne Seiten-Cache: req/s | vorher | × statisch | p50 ms | p99 ms | Steal % "
        "| mit Seiten-Cache: req/s | vorher | × statisch | p50 ms | p99 ms | Steal % | Fehler/Nicht-2xx |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, url in bench_urls():
        u, c = uncached[label], cached[label]
        problems = u["errors"] + u["non2xx"] + c["errors"] + c["non2xx"]
        lines.append(
            f"| {label} (`{url}`) | {fmt(u['rps'], 0)} | {_before('uncached', label)} | {_share(u, static_rps)} | "
            f"{fmt(u['p50'])} | {fmt(u['p99'])} | {fmt(u['steal'], 0)} | "
            f"{fmt(c['rps'], 0)} | {_before('cached', label)} | {_share(c, _static_rps(cached))} | "
            f"{fmt(c['p50'])} | {fmt(c['p99'])} | {fmt(c['steal'], 0)} | {problems} |"
        )
    lines += [
        "",
        "Statische Datei in req/s: "
        + "; ".join(
            _static_note(title, results)
            for title, results in (
                ("ohne Seiten-Cache", uncached),
                ("mit Seiten-Cache", cached),
                ("Mitglieder", members),
            )
        )
        + ".",
        "",
        f"Startseite ganz ohne Cache (`PAGE_CACHE_ENABLED=0`, `DATA_CACHE_ENABLED=0`, also auch ohne "
        f"Fragmente): {fmt(bare['rps'], 0)} req/s (vorher 79), p50 {fmt(bare['p50'])} ms, "
        f"p99 {fmt(bare['p99'])} ms, Steal {fmt(bare['steal'], 0)} %, {bare['errors'] + bare['non2xx']} "
        "Fehler/Nicht-2xx.",
        "",
        "## Angemeldete Mitglieder: Durchsatz und Latenz",
        "",
        f"Mit Sitzungs-Cookie, also nie aus dem Seiten-Cache. „vorher“: am {BEFORE_DATE} wurde kein "
        "Mitglied gemessen; die Zahl ist die der Gäste ohne Seiten-Cache, die damals ebenso jede Seite "
        "renderten (Mitglieder brauchten dazu noch die Abfragen für Sitzung und Benutzer).",
        "",
        "| Seite | req/s | vorher | × statisch | p50 ms | p99 ms | Steal % | Fehler/Nicht-2xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, url in bench_urls():
        m = members[label]
        lines.append(
            f"| {label} (`{url}`) | {fmt(m['rps'], 0)} | {_before('uncached', label)} | "
            f"{_share(m, _static_rps(members))} | "
            f"{fmt(m['p50'])} | {fmt(m['p99'])} | {fmt(m['steal'], 0)} | {m['errors'] + m['non2xx']} |"
        )
    lines += [
        "",
        "## Lastprobe (mit Seiten-Cache)",
        "",
        f"{LOAD_DURATION} s mit 64 gleichzeitigen Verbindungen, gunicorn mit 2 Workern und Seiten-Cache. "
        "„Suche“ wiederholt eine Suche (wie häufige Suchbegriffe, aus dem Cache); in der letzten Zeile "
        "fragt jede Anfrage einen anderen Begriff ab (wrk-Lua-Skript), geht also an der Cache vorbei, "
        "mit 10 s statt 2 s Zeitlimit in wrk. Socket-Fehler sind bei wrk vor allem Zeitüberschreitungen "
        "(timeout) — der Server hat dann nicht mit Fehler geantwortet, sondern zu langsam.",
        "",
        "| Seite | Anfragen | req/s | vorher | p50 ms | p99 ms | Steal % | Socket-Fehler (davon Zeitüberschreitung) "
        "| Nicht-2xx/3xx |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {label} | {r['requests']} | {fmt(r['rps'], 0)} | {_before('load', label)} | {fmt(r['p50'])} | "
            f"{fmt(r['p99'])} | {fmt(r['steal'], 0)} | {r['errors']} ({r['timeouts']}) | {r['non2xx']} |"
            for label, r in load.items()
        ),
        "",
        "## Ziele („Schnell für Mitglieder“)",
        "",
    ]
    lines += targets(queries, uncached, cached, members, load, static_label)
    missing = [label for label, p in queries["pages"].items() if p["status"] != 200]
    if missing:
        lines.append(
            f"- Nicht mit 200 beantwortet (Funktion noch nicht gebaut oder URL anders): {', '.join(missing)}."
        )
    lines += [
        "",
        "Zum Vergleich: die Startseite von Wagtails bakerydemo schaffte hier 25 req/s mit 43 Abfragen.",
        "",
    ]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")
    log("docs/benchmarks.md written")


def _verdict(failures):
    return "**erfüllt**" if not failures else "**verfehlt** für " + ", ".join(failures)


def targets(queries, uncached, cached, members, load, static_label):
    pages = [label for label, _ in bench_urls() if label != static_label]
    lines = []
    for title, results, labels in (
        ("Gäste ohne Seiten-Cache", uncached, pages),
        ("Mitglieder", members, [label for label, _ in member_urls()]),
    ):
        floor = UNCACHED_SHARE * _static_rps(results)
        slow = [f"{label} ({results[label]['rps']:.0f})" for label in labels if results[label]["rps"] < floor]
        lines.append(
            f"- {title}: jede Seite ≥ {UNCACHED_SHARE:g} × statische Datei ({floor:.0f} req/s): {_verdict(slow)}."
        )
        late = [
            f"{label} ({results[label]['p99']:.0f} ms)"
            for label in labels
            if results[label]["p99"] is None or results[label]["p99"] > MAX_P99
        ]
        lines.append(f"- {title}: p99 ≤ {MAX_P99} ms bei 16 Verbindungen: {_verdict(late)}.")
    cached_floor = CACHED_SHARE * _static_rps(cached)
    slow = [f"{label} ({cached[label]['rps']:.0f})" for label in pages if cached[label]["rps"] < cached_floor]
    lines.append(
        f"- Mit Seiten-Cache ≥ {CACHED_SHARE:g} × statische Datei ({cached_floor:.0f} req/s): {_verdict(slow)}."
    )
    random_search = load["Suche, jede Anfrage ein anderer Begriff"]["rps"]
    lines.append(
        f"- Suche, jede Anfrage ein neuer Begriff, ≥ {RANDOM_SEARCH_RPS} req/s: "
        f"{_verdict([] if random_search >= RANDOM_SEARCH_RPS else [f'{random_search:.0f} req/s'])}."
    )
    over = [
        f"{label} ({p[kind]} {name})"
        for label, p in queries["pages"].items()
        if p["status"] == 200
        for kind, name in (("queries", "ohne Daten-Cache"), ("guest", "Gast"), ("member", "Mitglied"))
        if p[kind] > MAX_QUERIES
    ]
    lines.append(f"- Höchstens {MAX_QUERIES} SQL-Abfragen je Seite: {_verdict(over)}.")
    failed = [
        f"{label} ({r['errors']} Fehler, {r['non2xx']} Nicht-2xx)"
        for label, r in load.items()
        if r["errors"] or r["non2xx"]
    ]
    lines.append(
        f"- Lastprobe {LOAD_DURATION} s × 64 Verbindungen ohne Fehler und ohne Nicht-2xx: {_verdict(failed)}."
    )
    lines.append(
        "- Abfragen konstant von wenigen bis 10.000 Veranstaltungen: in den Tests mit 5 und 200 "
        "Veranstaltungen geprüft (`tests/test_query_counts.py`), hier mit 10.000 dieselben Zahlen."
    )
    return lines


def member_urls():
    return [item for item in bench_urls() if item[0] != STATIC_LABEL]


def bench_urls():
    return [
        ["Startseite", "/"],
        ["Veranstaltungsliste", "/fachtagungen/"],
        ["Monatsansicht", f"/fachtagungen/kalender/{MONTH}/"],
        ["Archiv", f"/fachtagungen/archiv/{MONTH[:4]}/"],
        ["Dokumentbibliothek", "/dokumente/"],
        ["Suche", SEARCH],
        [STATIC_LABEL, static_url()],
    ]


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: sudo apt-get install -y wrk (Debian-Paket 'wrk')")
    build_site()
    cookie = member_cookie()  # creates the bench member the query count logs in
    queries = count_queries()
    for label, page in queries["pages"].items():
        log(f"{label} {page['url']}: HTTP {page['status']}, {page['queries']} SQL queries")
    urls = bench_urls()
    uncached = measure(urls, page_cache=False)
    cached = measure(urls, page_cache=True)
    members = measure(bench_urls(), page_cache=True, cookie=cookie)
    bare = measure_without_any_cache()
    log("load check …")
    load = load_check()
    for label, r in load.items():
        log(
            f"load {label}: {r['requests']} requests, {r['errors']} socket errors "
            f"({r['timeouts']} timeouts), {r['non2xx']} non-2xx/3xx"
        )
    report(queries, uncached, cached, members, bare, load, STATIC_LABEL)


if __name__ == "__main__":
    main()
