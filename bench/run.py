#!/usr/bin/env python3
"""The BLOK CMS benchmark (``make bench``). A benchmark, not a test: it measures and reports.

1. builds a large site in its own PostgreSQL database (``manage.py build_bench_site``:
   10,000 events, 5,000 documents, 1,000 standard pages, the 104 Optionskommunen),
2. counts SQL queries per page (Django test client + CaptureQueriesContext),
3. serves the site with gunicorn (2 workers, production settings, loopback) and measures
   requests/s and p50/p99 latency with wrk, with and without the page cache,
4. runs the load check (60 s × 64 connections on the start page and on search),
5. writes ``docs/benchmarks.md``.

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
settings.PAGE_CACHE_ENABLED = False
settings.DATA_CACHE_ENABLED = False  # count every query a render can need
from wagtail.models import Page
from documents_app.models import BlokDocument
from events.models import EventPage
from participants.models import Kommune
result = {"counts": {"pages": Page.objects.count(), "events": EventPage.objects.count(),
          "documents": BlokDocument.objects.count(), "participants": Kommune.objects.count()}, "pages": {}}
event = EventPage.objects.live().order_by("path").first()
urls = json.loads(sys.argv[1]) + ([["Veranstaltung", event.url]] if event else [])
client = Client()
for label, url in urls:
    client.get(url)  # warm up (Wagtail's site root cache, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result["pages"][label] = {"url": url, "status": response.status_code, "queries": len(queries),
                              "bytes": len(response.content)}
print(json.dumps(result))
"""


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
        [PY, "-c", QUERY_COUNT_SCRIPT, json.dumps(page_urls())],
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


def wrk(path, duration, connections=16, script=None, timeout=2):
    before = cpu_sample()
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s", "--latency"]
    args += ["-H", "Accept-Encoding: gzip, br"]
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


def measure(urls, page_cache):
    results = {}
    with Server(page_cache):
        for label, url in urls:
            wrk(url, 2)  # warm up: caches, connections, Python imports
            results[label] = wrk(url, DURATION)
            log(
                f"{'cache' if page_cache else 'no cache'} {label}: {results[label]['rps']:.0f} req/s, "
                f"steal {results[label]['steal']:.0f} %"
            )
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


def report(queries, uncached, cached, bare, load, static_label):
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    static_rps = cached[static_label]["rps"]
    lines = [
        "# Benchmark",
        "",
        f"Gemessen am {now} mit `make bench` (`bench/run.py`). Ein Benchmark, kein Test: die Zahlen "
        "hängen von der Maschine ab und davon, was sonst auf ihr läuft.",
        "",
        "## Maschine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine().items()),
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
        "„ohne Cache“: ohne Seiten-Cache (`PAGE_CACHE_ENABLED=0`), jede Anfrage rendert die Seite — "
        "so wie für angemeldete Mitglieder; der Daten-Cache für Website, Menü und Termine "
        "(`ops/datacache.py`) bleibt wie in Produktion an. „mit Cache“: der Seiten-Cache für anonyme "
        "Leser (`ops/pagecache.py`). Unter der Tabelle: die Startseite ganz ohne Cache. "
        "„Steal“: Anteil der Rechenzeit, den der Hypervisor während der Messung "
        "anderen Gästen gab (aus `/proc/stat`); bei mehr als ein paar Prozent ist die Maschine "
        "geteilt und die Zahlen sind zu niedrig.",
        "",
        "## SQL-Abfragen je Seite (ohne Seiten- und Daten-Cache)",
        "",
        "| Seite | URL | Status | SQL-Abfragen | Bytes (HTML, unkomprimiert) |",
        "|---|---|---|---|---|",
        *(
            f"| {label} | `{p['url']}` | {p['status']} | {p['queries']} | {p['bytes']} |"
            for label, p in queries["pages"].items()
        ),
        "",
        "## Durchsatz und Latenz",
        "",
        "| Seite | ohne Cache: req/s | p50 ms | p99 ms | Steal % | mit Cache: req/s | p50 ms | p99 ms | Steal % "
        "| Fehler/Nicht-2xx |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, url in bench_urls():
        u, c = uncached[label], cached[label]
        problems = u["errors"] + u["non2xx"] + c["errors"] + c["non2xx"]
        lines.append(
            f"| {label} (`{url}`) | {fmt(u['rps'], 0)} | {fmt(u['p50'])} | {fmt(u['p99'])} | {fmt(u['steal'], 0)} | "
            f"{fmt(c['rps'], 0)} | {fmt(c['p50'])} | {fmt(c['p99'])} | {fmt(c['steal'], 0)} | {problems} |"
        )
    lines += [
        "",
        f"Startseite ganz ohne Cache (`PAGE_CACHE_ENABLED=0`, `DATA_CACHE_ENABLED=0`): {fmt(bare['rps'], 0)} req/s, "
        f"p50 {fmt(bare['p50'])} ms, p99 {fmt(bare['p99'])} ms, Steal {fmt(bare['steal'], 0)} %, "
        f"{bare['errors'] + bare['non2xx']} Fehler/Nicht-2xx.",
        "",
        "## Lastprobe (mit Seiten-Cache)",
        "",
        f"{LOAD_DURATION} s mit 64 gleichzeitigen Verbindungen, gunicorn mit 2 Workern und Seiten-Cache. "
        "„Suche“ wiederholt eine Suche (wie häufige Suchbegriffe, aus dem Cache); in der letzten Zeile "
        "fragt jede Anfrage einen anderen Begriff ab (wrk-Lua-Skript), geht also an der Cache vorbei, "
        "mit 10 s statt 2 s Zeitlimit in wrk. Socket-Fehler sind bei wrk vor allem Zeitüberschreitungen "
        "(timeout) — der Server hat dann nicht mit Fehler geantwortet, sondern zu langsam.",
        "",
        "| Seite | Anfragen | req/s | p50 ms | p99 ms | Steal % | Socket-Fehler (davon Zeitüberschreitung) "
        "| Nicht-2xx/3xx |",
        "|---|---|---|---|---|---|---|---|",
        *(
            f"| {label} | {r['requests']} | {fmt(r['rps'], 0)} | {fmt(r['p50'])} | {fmt(r['p99'])} | "
            f"{fmt(r['steal'], 0)} | {r['errors']} ({r['timeouts']}) | {r['non2xx']} |"
            for label, r in load.items()
        ),
        "",
        "## Ziele",
        "",
    ]
    page_queries = {k: v for k, v in queries["pages"].items() if v["status"] == 200}
    worst = max(page_queries.items(), key=lambda item: item[1]["queries"])
    verdict = "erfüllt" if worst[1]["queries"] <= 15 else "verfehlt"
    lines.append(
        f"- Höchstens 15 SQL-Abfragen je öffentlicher Seite: **{verdict}** "
        f"(höchster Wert: {worst[0]} mit {worst[1]['queries']})."
    )
    start = uncached["Startseite"]["rps"]
    lines.append(
        f"- Startseite ohne Cache ≥ 100 req/s: **{'erfüllt' if start >= 100 else 'verfehlt'}** ({start:.0f} req/s, "
        f"Steal {uncached['Startseite']['steal']:.0f} %)."
    )
    half = static_rps / 2
    slow = [label for label, _ in bench_urls() if label != static_label and cached[label]["rps"] < half]
    lines.append(
        f"- Gecachte Seiten ≥ halber Durchsatz der statischen Datei ({half:.0f} req/s): "
        f"**{'erfüllt' if not slow else 'verfehlt für ' + ', '.join(slow)}**."
    )
    failed = [
        f"{label} ({r['errors']} Fehler, {r['non2xx']} Nicht-2xx)"
        for label, r in load.items()
        if r["errors"] or r["non2xx"]
    ]
    lines.append(
        f"- Lastprobe {LOAD_DURATION} s × 64 Verbindungen ohne Fehler und ohne Nicht-2xx: "
        f"**{'erfüllt' if not failed else 'verfehlt für ' + ', '.join(failed)}**."
    )
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


def bench_urls():
    return [
        ["Startseite", "/"],
        ["Veranstaltungsliste", "/fachtagungen/"],
        ["Monatsansicht", f"/fachtagungen/kalender/{MONTH}/"],
        ["Archiv", f"/fachtagungen/archiv/{MONTH[:4]}/"],
        ["Dokumentbibliothek", "/dokumente/"],
        ["Suche", SEARCH],
        ["Statische Datei", static_url()],
    ]


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: sudo apt-get install -y wrk (Debian-Paket 'wrk')")
    build_site()
    queries = count_queries()
    for label, page in queries["pages"].items():
        log(f"{label} {page['url']}: HTTP {page['status']}, {page['queries']} SQL queries")
    urls = bench_urls()
    uncached = measure(urls, page_cache=False)
    cached = measure(urls, page_cache=True)
    bare = measure_without_any_cache()
    log("load check …")
    load = load_check()
    for label, r in load.items():
        log(
            f"load {label}: {r['requests']} requests, {r['errors']} socket errors "
            f"({r['timeouts']} timeouts), {r['non2xx']} non-2xx/3xx"
        )
    report(queries, uncached, cached, bare, load, "Statische Datei")


if __name__ == "__main__":
    main()
