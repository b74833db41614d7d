"""The Optionskommunen in the admin (wagtail-modeladmin): list, filters, search, export, editing."""

import io

import openpyxl
import pytest

from participants import demo
from participants.models import Kommune

from .factories import KommuneFactory

URL = "/admin/participants/kommune/"


@pytest.fixture
def kommunen(site_tree):
    demo.load(site_tree)


def test_list_shows_columns_in_german(admin_client, kommunen):
    html = admin_client.get(URL).content.decode()
    for heading in ("Name", "Art", "Bundesland", "Optionskommune seit", "Vergleichsring"):
        assert heading in html
    assert "Landkreis Biberach" in html


def test_list_filters_by_bundesland_type_and_year(admin_client, kommunen):
    html = admin_client.get(URL, {"bundesland": "SL", "kind": "landkreis", "since": "2005"}).content.decode()
    saarland = Kommune.objects.filter(bundesland="SL", kind="landkreis", since=2005)
    for kommune in saarland:
        assert kommune.name in html
    assert "Landkreis Biberach" not in html


def test_list_search(admin_client, kommunen):
    html = admin_client.get(URL, {"q": "Vorpommern"}).content.decode()
    assert "Landkreis Vorpommern-Rügen" in html
    assert "Landkreis Biberach" not in html


def test_csv_export_uses_german_values(admin_client, kommunen):
    response = admin_client.get(URL, {"export": "csv", "bundesland": "MV"})
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content = raw.decode("utf-8-sig")  # German Excel: BOM and semicolons (home/exports.py)
    assert "Name;Art;Bundesland;Optionskommune seit" in content.splitlines()[0]
    assert "Landkreis Vorpommern-Rügen;Landkreis;Mecklenburg-Vorpommern;2014" in content


def test_excel_export(admin_client, kommunen):
    response = admin_client.get(URL, {"export": "xlsx"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 105
    assert sheet.cell(1, 1).value == "Name"


def test_editor_can_edit_a_kommune(admin_client, site_tree):
    kommune = KommuneFactory(name="Landkreis Alt")
    response = admin_client.post(
        f"{URL}edit/{kommune.pk}/",
        {
            "name": "Landkreis Neu",
            "kind": "landkreis",
            "bundesland": "HE",
            "since": "2012",
            "website": "https://example.org/",
            "jobcenter_name": "Jobcenter Neu",
            "vergleichsring": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    kommune.refresh_from_db()
    assert (kommune.name, kommune.bundesland, kommune.since) == ("Landkreis Neu", "HE", 2012)


def test_edit_form_rejects_invalid_website_in_german(admin_client, site_tree):
    kommune = KommuneFactory()
    response = admin_client.post(
        f"{URL}edit/{kommune.pk}/",
        {"name": kommune.name, "kind": "landkreis", "bundesland": "NI", "website": "kein link"},
    )
    assert response.status_code == 200
    assert (
        "Bitte eine gültige Adresse eingeben" in response.content.decode()
        or "gültige URL" in response.content.decode()
    )
