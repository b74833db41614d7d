"""Builds a large site for the benchmark (``make bench``): never run it on a real database.

10,000 events, 5,000 documents, 1,000 standard pages and the 104 Optionskommunen on top of the
demo tree of ``load_initial_data``. Pages are written with ``bulk_create`` (base rows) and one
multi-row INSERT per page type (the type's own table), because Wagtail's ``add_child`` takes
~30 ms per page. The generator only fills fields that the page models have and leaves every
other field at its default, so it keeps working while the feature apps grow.
"""

import csv
import datetime
import hashlib
import random
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from treebeard.mp_tree import MP_Node
from wagtail.models import Collection, Locale, Page

from documents_app.models import BlokDocument
from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from participants.models import BUNDESLAENDER, Kommune

CITIES = ["Berlin", "Hannover", "Kassel", "Erfurt", "Potsdam", "Mainz", "Kiel", "Schwerin", "Stuttgart", "Leipzig"]
TOPICS = [
    "Fachtagung Integration",
    "Workshop Kennzahlen",
    "Vergleichsring Sitzung",
    "Arbeitstreffen Digitalisierung",
    "Fachforum Personal",
    "Netzwerktreffen Jobcenter",
]
CSV_CANDIDATES = [
    Path(settings.BASE_DIR) / "participants" / "data" / "optionskommunen.csv",
]


def _child_path(parent_path, position):
    return parent_path + MP_Node._int2str(position).rjust(MP_Node.steplen, "0")


class Command(BaseCommand):
    help = "Baut eine große Website für den Benchmark (nur für eine eigene Benchmark-Datenbank)."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--documents", type=int, default=5_000)
        parser.add_argument("--pages", type=int, default=1_000)
        parser.add_argument("--skip-index", action="store_true", help="Suchindex nicht aufbauen.")

    def handle(self, *args, **options):
        if not settings.DATABASES["default"]["NAME"] or "bench" not in str(settings.DATABASES["default"]["NAME"]):
            raise CommandError("Nur für eine Benchmark-Datenbank (der Datenbankname muss 'bench' enthalten).")
        random.seed(42)
        call_command("load_initial_data", stdout=self.stdout)
        home = HomePage.objects.get()
        self.locale = Locale.get_default()
        self.now = timezone.now()
        with transaction.atomic():
            event_index = EventIndexPage.objects.get()
            self.add_events(event_index, options["events"])
            section = home.get_children().get(slug="projektstruktur")
            self.add_standard_pages(section, options["pages"])
            self.add_documents(options["documents"])
            self.add_participants()
        if not options["skip_index"]:
            self.stdout.write("Suchindex wird aufgebaut …")
            call_command("update_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Benchmark-Website fertig: {Page.objects.count()} Seiten."))

    # --- pages ---------------------------------------------------------------------------------

    def bulk_pages(self, parent, model, rows):
        """Insert children of ``parent``: rows are (slug, title, {specific field: value})."""
        existing = parent.get_children().count()
        already = model.objects.child_of(parent).count()
        rows = rows[already:]
        if not rows:
            return 0
        # Positions after the last existing child (paths must stay unique and ordered).
        last = parent.get_last_child()
        start = (MP_Node._str2int(last.path[-MP_Node.steplen :]) if last else 0) + 1
        content_type_id = ContentType.objects.get_for_model(model).pk
        base_rows = []
        for offset, (slug, title, _specific) in enumerate(rows):
            base_rows.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type_id=content_type_id,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{parent.url_path}{slug}/",
                    path=_child_path(parent.path, start + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    show_in_menus=False,
                    first_published_at=self.now,
                    last_published_at=self.now,
                    locale=self.locale,
                    translation_key=uuid.uuid4(),
                )
            )
        created = Page.objects.bulk_create(base_rows, batch_size=1000)
        if any(page.pk is None for page in created):  # SQLite without RETURNING: look them up
            by_path = dict(Page.objects.filter(path__in=[p.path for p in created]).values_list("path", "pk"))
            for page in created:
                page.pk = by_path[page.path]
        self.insert_specific(
            model, [(page.pk, specific) for page, (_s, _t, specific) in zip(created, rows, strict=True)]
        )
        Page.objects.filter(pk=parent.pk).update(numchild=existing + len(rows))
        return len(rows)

    def insert_specific(self, model, rows):
        """One INSERT per batch into the page type's own table; unknown fields get their defaults."""
        fields = list(model._meta.local_concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
        values = []
        for pk, specific in rows:
            row = []
            for field in fields:
                if field.primary_key or field.name == "page_ptr":
                    value = pk
                elif field.name in specific:
                    value = specific[field.name]
                elif field.has_default():
                    value = field.get_default()
                elif field.null:
                    value = None
                else:
                    value = "" if field.get_internal_type() in ("CharField", "TextField") else None
                row.append(field.get_db_prep_save(value, connection))
            values.append(row)
        with connection.cursor() as cursor:
            for start in range(0, len(values), 1000):
                cursor.executemany(sql, values[start : start + 1000])

    def add_events(self, index, count):
        base = timezone.make_aware(datetime.datetime(2016, 1, 4, 10, 0))
        rows = []
        for n in range(count):
            start = base + datetime.timedelta(days=n * 3 // 4, hours=n % 4)
            topic = TOPICS[n % len(TOPICS)]
            rows.append(
                (
                    f"bench-veranstaltung-{n}",
                    f"{topic} {n}",
                    {
                        "start": start,
                        "end": start + datetime.timedelta(hours=4),
                        "teaser": f"{topic} für Fach- und Führungskräfte der Optionskommunen.",
                        "city": CITIES[n % len(CITIES)],
                        "venue_name": "Tagungshotel",
                        "body": [],
                    },
                )
            )
        done = self.bulk_pages(index, EventPage, rows)
        self.stdout.write(f"Veranstaltungen angelegt: {done}")

    def add_standard_pages(self, parent, count):
        rows = [
            (
                f"bench-seite-{n}",
                f"Arbeitsergebnis {n}",
                {"intro": "Ergebnisse aus den Vergleichsringen des Benchlearnings.", "body": []},
            )
            for n in range(count)
        ]
        done = self.bulk_pages(parent, StandardPage, rows)
        self.stdout.write(f"Inhaltsseiten angelegt: {done}")

    # --- documents and participants --------------------------------------------------------------

    def add_documents(self, count):
        missing = count - BlokDocument.objects.filter(title__startswith="Bench-Dokument").count()
        if missing <= 0:
            return
        content = b"%PDF-1.4\n% Benchmark\n"
        name = default_storage.save("documents/bench-dokument.pdf", ContentFile(content))
        public = Collection.objects.filter(name="Öffentlich").first() or Collection.get_first_root_node()
        internal = Collection.objects.filter(name="Intern").first() or public
        docs = [
            BlokDocument(
                title=f"Bench-Dokument {n}",
                file=name,
                file_size=len(content),
                file_hash=hashlib.sha1(content).hexdigest(),  # noqa: S324 - Wagtail's own hash format
                collection=internal if n % 10 == 0 else public,
                description="Präsentation aus einer Sitzung eines Vergleichsrings.",
                publication_date=datetime.date(2016, 1, 1) + datetime.timedelta(days=n % 3000),
                created_at=self.now,
            )
            for n in range(missing)
        ]
        BlokDocument.objects.bulk_create(docs, batch_size=1000)
        self.stdout.write(f"Dokumente angelegt: {missing}")

    def add_participants(self):
        if Kommune.objects.count() >= 104:
            return
        codes = {name: code for code, name in BUNDESLAENDER}
        rows = []
        for path in CSV_CANDIDATES:
            if path.exists():
                with path.open(encoding="utf-8") as handle:
                    rows = list(csv.DictReader(handle))
                break
        if not rows:
            rows = [
                {"name": f"Landkreis Muster {n}", "type": "Landkreis", "bundesland": "Niedersachsen", "since": ""}
                for n in range(104)
            ]
        for row in rows:
            Kommune.objects.get_or_create(
                name=row["name"],
                defaults={
                    "kind": "kreisfreie_stadt" if "Stadt" in row["type"] else "landkreis",
                    "bundesland": codes.get(row["bundesland"], "NI"),
                    "since": int(row["since"]) if row.get("since") else None,
                },
            )
        self.stdout.write(f"Optionskommunen: {Kommune.objects.count()}")
