"""Admin exports open in German Excel: `;`-CSV with BOM, German headings and labels, Berlin time."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from events.models import Registration

from .test_events_admin import INDEX, editor_client, registrations  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_registration_csv_opens_in_german_excel(editor_client, registrations):  # noqa: F811
    confirmed = registrations["confirmed"]
    # 30 October 2026 (winter time) 11:05:42.123456 UTC is 12:05 in Berlin.
    created = datetime.datetime(2026, 10, 30, 11, 5, 42, 123456, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=confirmed.pk).update(created_at=created, consent_at=created)
    response = editor_client.get(INDEX, {"export": "csv", "veranstaltung": registrations["event"].pk})
    assert response.status_code == 200
    raw = body(response)
    assert raw.startswith("\ufeff".encode())  # UTF-8 byte order mark
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Veranstaltung", "Name", "Organisation"]
    assert "Angemeldet am" in header and "Angemeldet Am" not in header
    assert all(h[:1].isupper() for h in header)
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_name["Anna Bestätigt"]["Status"] == "Bestätigt"
    assert by_name["Wera Warteliste"]["Status"] == "Warteliste"
    assert by_name["Anna Bestätigt"]["Angemeldet am"] == "30.10.2026 12:05"
    assert "confirmed" not in text and "waiting" not in text
    assert "+00:00" not in text and ".123456" not in text


def test_registration_xlsx_has_german_headings_and_berlin_times(editor_client, registrations):  # noqa: F811
    summer = datetime.datetime(2026, 7, 1, 8, 30, 59, tzinfo=datetime.UTC)  # 10:30 CEST
    Registration.objects.filter(pk=registrations["waiting"].pk).update(created_at=summer)
    response = editor_client.get(INDEX, {"export": "xlsx", "veranstaltung": registrations["event"].pk})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.values)
    header = list(rows[0])
    assert "Angemeldet am" in header
    row = dict(zip(header, next(r for r in rows[1:] if r[1] == "Wera Warteliste"), strict=True))
    assert row["Status"] == "Warteliste"
    assert row["Angemeldet am"] == datetime.datetime(2026, 7, 1, 10, 30)


def test_kommunen_csv_uses_semicolons_and_bom(editor_client):  # noqa: F811
    from .factories import KommuneFactory

    KommuneFactory(name="Landkreis Süd; Ost")
    response = editor_client.get("/admin/participants/kommune/", {"export": "csv"})
    if response.status_code == 403:
        pytest.skip("publisher cannot list Kommunen")
    text = body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Name"
    assert any(row[0] == "Landkreis Süd; Ost" for row in rows[1:])
