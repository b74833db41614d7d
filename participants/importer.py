"""Import of the Optionskommunen from CSV (columns ``name,type,bundesland,since``).

All rows are validated first; a file with any bad row writes nothing and every problem is
reported with its line number. Rows are matched by name, so importing the same file twice
changes nothing the second time.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction

from participants.models import BUNDESLAENDER, Kommune

REQUIRED_COLUMNS = ("name", "type", "bundesland", "since")
FIRST_YEAR = 2005  # the original option started on 1.1.2005
KINDS = {label.casefold(): value for value, label in Kommune.KIND_CHOICES}
LAENDER = {name.casefold(): code for code, name in BUNDESLAENDER}


class ImportFailed(Exception):
    """The file was not imported; ``errors`` lists every problem (German, with line numbers)."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    name: str
    kind: str
    bundesland: str
    since: int | None


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def summary(self) -> str:
        return (
            f"{self.total} Zeilen eingelesen: {len(self.created)} neu angelegt, "
            f"{len(self.updated)} aktualisiert, {len(self.unchanged)} unverändert."
        )


def _clean(value) -> str:
    return " ".join((value or "").split())


def parse(text: str) -> list[Row]:
    """Validate the whole CSV text; raise :class:`ImportFailed` listing every bad line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [(_clean(name)).lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFailed(
            [f"Zeile 1: Es fehlen die Spalten {', '.join(missing)} (erwartet: {', '.join(REQUIRED_COLUMNS)})."]
        )
    reader.fieldnames = header
    this_year = datetime.date.today().year
    errors, rows, seen = [], [], {}
    for record in reader:
        line = reader.line_num
        if None in record:
            errors.append(f"Zeile {line}: zu viele Werte (erwartet: {', '.join(REQUIRED_COLUMNS)}).")
            continue
        if all(not _clean(value) for value in record.values()):
            continue  # an empty line
        name = _clean(record.get("name"))
        kind_label = _clean(record.get("type"))
        land_name = _clean(record.get("bundesland"))
        since_raw = _clean(record.get("since"))
        line_errors = []
        if not name:
            line_errors.append("Der Name fehlt.")
        elif len(name) > Kommune._meta.get_field("name").max_length:
            line_errors.append("Der Name ist zu lang.")
        elif name.casefold() in seen:
            line_errors.append(f"„{name}“ steht bereits in Zeile {seen[name.casefold()]}.")
        kind = KINDS.get(kind_label.casefold())
        if kind is None:
            line_errors.append(f"Unbekannte Art „{kind_label}“ (erlaubt: Landkreis, kreisfreie Stadt).")
        land = LAENDER.get(land_name.casefold())
        if land is None:
            line_errors.append(
                f"Unbekanntes Bundesland „{land_name}“ (erwartet wird der volle Name, z. B. „Niedersachsen“)."
            )
        since = None
        if since_raw:
            if not since_raw.isdigit() or not FIRST_YEAR <= int(since_raw) <= this_year:
                line_errors.append(
                    f"Ungültiges Jahr „{since_raw}“ (erwartet: {FIRST_YEAR} bis {this_year} oder leer für unbekannt)."
                )
            else:
                since = int(since_raw)
        if line_errors:
            errors.append(f"Zeile {line}: " + " ".join(line_errors))
            continue
        seen[name.casefold()] = line
        rows.append(Row(line, name, kind, land, since))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed(["Die Datei enthält keine Optionskommunen."])
    return rows


def import_rows(rows: list[Row], *, only_new: bool = False) -> ImportReport:
    """Write validated rows in one transaction. ``only_new`` leaves existing Kommunen untouched."""
    report = ImportReport()
    with transaction.atomic():
        existing = {kommune.name: kommune for kommune in Kommune.objects.filter(name__in=[r.name for r in rows])}
        for row in rows:
            kommune = existing.get(row.name)
            if kommune is None:
                kommune = Kommune(name=row.name, kind=row.kind, bundesland=row.bundesland, since=row.since)
                kommune.full_clean()
                kommune.save()
                report.created.append(kommune)
                continue
            if only_new or (kommune.kind, kommune.bundesland, kommune.since) == (row.kind, row.bundesland, row.since):
                report.unchanged.append(kommune)
                continue
            kommune.kind, kommune.bundesland, kommune.since = row.kind, row.bundesland, row.since
            kommune.save(update_fields=["kind", "bundesland", "since"])
            report.updated.append(kommune)
    return report


def import_file(path, *, only_new: bool = False) -> ImportReport:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError as error:
        raise ImportFailed([f"Die Datei {path} gibt es nicht."]) from error
    except UnicodeDecodeError as error:
        raise ImportFailed(["Die Datei ist nicht UTF-8-kodiert; bitte als „CSV UTF-8“ speichern."]) from error
    return import_rows(parse(text), only_new=only_new)
