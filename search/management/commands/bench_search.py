"""Benchmark of the site search (not a test): latency percentiles and SQL queries per request.

    python manage.py bench_search --pages 10000 --documents 5000   # creates data once, then measures
    python manage.py bench_search                                   # measures with what is there

Generated content lives below a page "Benchmark-Daten" and in a collection of the same name;
``--delete`` removes it again.
"""

import random
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from home.models import HomePage, StandardPage

BENCH_TITLE = "Benchmark-Daten"
WORDS = [
    "Fachtagung",
    "Fachtagungen",
    "Jobcenter",
    "Optionskommune",
    "Landkreis",
    "Integration",
    "Arbeitsmarkt",
    "Vergleichsring",
    "Kennzahlen",
    "Benchlearning",
    "Grundsicherung",
    "Arbeitsuchende",
    "Geflüchtete",
    "Qualifizierung",
    "Beratung",
    "Steuerung",
    "Personal",
    "Digitalisierung",
    "Controlling",
    "Fallmanagement",
    "Eingliederung",
    "Leistungen",
    "Kommune",
    "Bericht",
    "Protokoll",
    "öffentlich",
    "Straße",
    "Sitzung",
    "Workshop",
    "Erfahrungsaustausch",
    "Strategie",
    "Zielvereinbarung",
    "Wirkung",
    "Netzwerk",
]
QUERIES = ["Fachtagung", "Jobcenter Integration", "Kennzahl", "Oeffentlich", "Strasse", "Vergleichsringe", "xyz"]


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


class Command(BaseCommand):
    help = "Misst die Antwortzeiten der Suche (p50/p95) und die SQL-Abfragen pro Suchseite."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=0, help="so viele Seiten anlegen")
        parser.add_argument("--documents", type=int, default=0, help="so viele Dokumente anlegen")
        parser.add_argument("--rounds", type=int, default=20, help="Wiederholungen je Suchbegriff")
        parser.add_argument("--delete", action="store_true", help="Benchmark-Daten löschen und beenden")

    def handle(self, *args, **options):
        if options["delete"]:
            for parent in Page.objects.filter(title=BENCH_TITLE):
                parent.delete()
            get_document_model().objects.filter(collection__name=BENCH_TITLE).delete()
            self.stdout.write("Benchmark-Daten gelöscht.")
            return
        if options["pages"] or options["documents"]:
            self.create(options["pages"], options["documents"])
        self.measure(options["rounds"])

    def create(self, pages, documents):
        rng = random.Random(42)  # noqa: S311 — test data
        home = HomePage.objects.first()
        parent = Page.objects.filter(title=BENCH_TITLE).first()
        if parent is None:
            parent = home.add_child(instance=StandardPage(title=BENCH_TITLE, slug="benchmark-daten", live=True))
        started = time.perf_counter()
        # Index once at the end (update_index) instead of page by page.
        post_save.disconnect(post_save_signal_handler, sender=StandardPage)
        with transaction.atomic():
            for n in range(pages):
                parent.add_child(
                    instance=StandardPage(
                        title=f"{rng.choice(WORDS)} {n}", slug=f"bench-{n}", intro=_text(rng, 40), live=True
                    )
                )
                if n % 1000 == 999:
                    parent.refresh_from_db()
                    self.stdout.write(f"  {n + 1} Seiten")
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=BENCH_TITLE).first() or root.add_child(name=BENCH_TITLE)
        model = get_document_model()
        model.objects.bulk_create(
            [
                model(
                    title=f"Dokument {rng.choice(WORDS)} {n}",
                    file=f"documents/bench-{n}.pdf",
                    collection=collection,
                    description=_text(rng, 20),
                    extracted_text=_text(rng, 400),
                )
                for n in range(documents)
            ],
            batch_size=500,
        )
        self.stdout.write(f"Daten angelegt in {time.perf_counter() - started:.0f} s; Index wird neu aufgebaut …")
        call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def measure(self, rounds):
        client = Client()
        self.stdout.write(
            f"{Page.objects.count()} Seiten, {get_document_model().objects.count()} Dokumente, "
            f"Datenbank: {connection.vendor}"
        )
        all_times = []
        for query in QUERIES:
            client.get("/suche/", {"q": query})  # warm up
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                client.get("/suche/", {"q": query})
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as context:
                client.get("/suche/", {"q": query})
            all_times.extend(times)
            self.stdout.write(
                f"  {query!r:26} p50 {statistics.median(times):6.1f} ms  "
                f"p95 {statistics.quantiles(times, n=20)[-1]:6.1f} ms  {len(context.captured_queries)} SQL"
            )
        self.stdout.write(
            f"Alle: p50 {statistics.median(all_times):.1f} ms, p95 {statistics.quantiles(all_times, n=20)[-1]:.1f} ms"
        )
